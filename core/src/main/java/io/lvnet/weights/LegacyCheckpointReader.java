package io.lvnet.weights;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the pre-1.6 serialisation of {@code torch.save} (still what many published weights
 * use): five pickles in a row (the magic number, the protocol version, system information,
 * the object, the list of storage keys), then the data of each storage in the order of that
 * list, each as an 8-byte little-endian element count followed by the raw elements.
 */
final class LegacyCheckpointReader implements CheckpointArchive {
    /** The number {@code torch.save} writes first. */
    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final int PROTOCOL_VERSION = 1001;

    private final String file;
    private final FileChannel channel;
    private final Object root;
    /** File position of each root storage's first data byte. */
    private final Map<String, Long> dataOffsets;

    private LegacyCheckpointReader(String file, FileChannel channel, Object root,
            Map<String, Long> dataOffsets) {
        this.file = file;
        this.channel = channel;
        this.root = root;
        this.dataOffsets = dataOffsets;
    }

    /** Reads the pickles and locates every storage's data. */
    static LegacyCheckpointReader open(Path path) throws WeightsFormatException {
        String file = path.toString();
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new WeightsFormatException(file + ": cannot be opened ("
                    + PyValues.oneLine(e.getMessage()) + ")", e);
        }
        try {
            long size = channel.size();
            InputStream buffered = new BufferedInputStream(Channels.newInputStream(channel.position(0)));
            PickleInput in = new PickleInput(buffered, 0, size);
            Map<String, StorageRef> roots = new HashMap<>();

            Object magic;
            try {
                magic = pickle(file, "magic number", in, roots);
            } catch (WeightsFormatException e) {
                String reason = e.getMessage().substring(e.getMessage().indexOf("): ") + 3);
                throw new WeightsFormatException(file + ": not a PyTorch checkpoint (neither a zip"
                        + " archive nor a legacy torch.save file: " + reason + ")", e);
            }
            if (!(magic instanceof BigInteger b && b.equals(MAGIC))) {
                throw new WeightsFormatException(file + ": not a PyTorch checkpoint (its first"
                        + " pickle is not the torch.save magic number)");
            }
            Object protocol = pickle(file, "protocol version", in, roots);
            if (!Integer.valueOf(PROTOCOL_VERSION).equals(protocol)) {
                throw new WeightsFormatException(file + ": legacy checkpoint protocol version "
                        + PyValues.brief(protocol) + " is not supported (expected "
                        + PROTOCOL_VERSION + ")");
            }
            Object sysInfo = pickle(file, "system information", in, roots);
            if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
                throw new WeightsFormatException(file + ": was written on a big-endian machine;"
                        + " only little-endian checkpoints are supported");
            }
            Object root = pickle(file, "main object", in, roots);
            Object keys = pickle(file, "storage key list", in, roots);
            Map<String, Long> offsets = locateStorages(file, channel, keys, roots, in.position(), size);
            return new LegacyCheckpointReader(file, channel, root, offsets);
        } catch (WeightsFormatException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new WeightsFormatException(file + ": cannot be read ("
                    + PyValues.oneLine(e.getMessage()) + ")", e);
        }
    }

    @Override
    public Object root() {
        return root;
    }

    @Override
    public ByteBuffer storage(StorageRef ref) throws WeightsFormatException {
        Long offset = dataOffsets.get(ref.key());
        if (offset == null) {
            throw new WeightsFormatException(file + ": storage " + ref.key()
                    + " is referenced but missing from the file's storage list");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (ref.rootNumel() * ref.type().bytes()))
                .order(ByteOrder.LITTLE_ENDIAN);
        try {
            long pos = offset;
            while (buf.hasRemaining()) {
                int n = channel.read(buf, pos);
                if (n < 0) {
                    throw new WeightsFormatException(file + ": storage " + ref.key()
                            + " is truncated");
                }
                pos += n;
            }
        } catch (WeightsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new WeightsFormatException(file + ": storage " + ref.key() + " cannot be read ("
                    + PyValues.oneLine(e.getMessage()) + ")", e);
        }
        return buf.flip();
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static Object pickle(String file, String what, PickleInput in, Map<String, StorageRef> roots)
            throws WeightsFormatException {
        RestrictedUnpickler unpickler = new RestrictedUnpickler(file + " (" + what + " pickle)",
                pid -> StorageRef.fromPersistentId(pid, roots));
        return unpickler.load(in);
    }

    /**
     * Walks the storage records after the pickles, checking each element count against what
     * the pickle said, and returns where each storage's data starts.
     */
    private static Map<String, Long> locateStorages(String file, FileChannel channel, Object keys,
            Map<String, StorageRef> roots, long start, long size) throws IOException {
        if (!(keys instanceof List<?> keyList)) {
            throw new WeightsFormatException(file + ": the storage key list is "
                    + PyValues.a(keys) + ", not a list");
        }
        Map<String, Long> offsets = new HashMap<>();
        long pos = start;
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (Object k : keyList) {
            StorageRef ref = k instanceof String key ? roots.get(key) : null;
            if (ref == null) {
                throw new WeightsFormatException(file + ": storage list names "
                        + PyValues.typeName(k) + " " + PyValues.brief(k)
                        + ", which no tensor refers to");
            }
            header.clear();
            while (header.hasRemaining()) {
                if (channel.read(header, pos + header.position()) < 0) {
                    throw new WeightsFormatException(file + ": is truncated: the data of storage "
                            + ref.key() + " should start at byte " + pos + " but the file has "
                            + size + " bytes");
                }
            }
            long count = header.getLong(0);
            if (count != ref.rootNumel()) {
                throw new WeightsFormatException(file + ": storage " + ref.key() + " holds "
                        + count + " elements in the file where the pickle says " + ref.rootNumel());
            }
            if (count > TensorViews.MAX_BYTES / ref.type().bytes()) {
                throw new WeightsFormatException(file + ": storage " + ref.key() + " has " + count
                        + " elements, too large to read");
            }
            long bytes = count * ref.type().bytes();
            if (bytes > size - pos - 8) {
                throw new WeightsFormatException(file + ": is truncated: storage " + ref.key()
                        + " needs " + bytes + " bytes from byte " + (pos + 8) + " but the file has "
                        + size + " bytes");
            }
            offsets.put(ref.key(), pos + 8);
            pos += 8 + bytes;
        }
        return offsets;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // read-only; nothing to lose
        }
    }
}
