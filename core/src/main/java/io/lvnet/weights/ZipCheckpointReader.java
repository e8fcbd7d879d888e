package io.lvnet.weights;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the zip serialisation of {@code torch.save} (PyTorch 1.6 and later): a zip archive
 * whose single top folder (named after the file when it was saved) holds {@code data.pkl},
 * the pickled object, and {@code data/<key>}, the raw bytes of each storage.
 */
final class ZipCheckpointReader implements CheckpointArchive {
    /** The {@code byteorder} entry holds "little" or "big". */
    private static final int BYTE_ORDER_BYTES = 16;

    private final String file;
    private final ZipFile zip;
    private final String prefix;
    private final Object root;

    private ZipCheckpointReader(String file, ZipFile zip, String prefix, Object root) {
        this.file = file;
        this.zip = zip;
        this.prefix = prefix;
        this.root = root;
    }

    /** Opens the archive and unpickles its {@code data.pkl}. */
    static ZipCheckpointReader open(Path path) throws WeightsFormatException {
        String file = path.toString();
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (IOException e) {
            throw new WeightsFormatException(file + ": not a readable zip archive ("
                    + PyValues.oneLine(e.getMessage()) + "); the file may be truncated or corrupt", e);
        }
        try {
            String prefix = findPrefix(file, zip);
            checkByteOrder(file, zip, prefix);
            byte[] pickle = readEntry(file, zip, zip.getEntry(prefix + "data.pkl"),
                    PickleLimits.MAX_PICKLE_BYTES, "a pickle may take");
            Map<String, StorageRef> roots = new HashMap<>();
            RestrictedUnpickler unpickler = new RestrictedUnpickler(file + " (" + prefix + "data.pkl)",
                    pid -> StorageRef.fromPersistentId(pid, roots));
            Object root = unpickler.load(new PickleInput(new ByteArrayInputStream(pickle), 0, pickle.length));
            return new ZipCheckpointReader(file, zip, prefix, root);
        } catch (WeightsFormatException | RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    @Override
    public Object root() {
        return root;
    }

    /**
     * Reads a storage's entry, inflating at most the bytes the pickle says the storage holds
     * (and one more, to tell that an entry holds more): whatever sizes the archive lists, a
     * compressed entry never inflates further than its storage needs.
     */
    @Override
    public ByteBuffer storage(StorageRef ref) throws WeightsFormatException {
        String name = prefix + "data/" + ref.key();
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new WeightsFormatException(file + ": storage " + ref.key() + " (entry " + name
                    + ") is missing from the archive");
        }
        long expected;
        try {
            expected = ref.rootBytes();
        } catch (PickleFormatError e) {
            throw new WeightsFormatException(file + ": " + e.getMessage(), e);
        }
        String need = "storage " + ref.key() + " (" + ref.rootNumel() + " elements of "
                + ref.type() + ") needs";
        byte[] bytes = readEntry(file, zip, entry, expected, need);
        if (bytes.length != expected) {
            throw new WeightsFormatException(file + ": storage " + ref.key() + " holds "
                    + bytes.length + " bytes, expected " + expected + " (" + ref.rootNumel()
                    + " elements of " + ref.type() + ")");
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    /** The archive's top folder with a trailing slash, found from its {@code data.pkl}. */
    private static String findPrefix(String file, ZipFile zip) throws WeightsFormatException {
        List<String> candidates = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            int slash = name.indexOf('/');
            if (name.endsWith("/data.pkl") && slash == name.length() - "/data.pkl".length()) {
                candidates.add(name.substring(0, slash + 1));
            }
        }
        if (candidates.isEmpty()) {
            throw new WeightsFormatException(file + ": zip archive has no <folder>/data.pkl entry,"
                    + " so it is not a PyTorch checkpoint");
        }
        if (candidates.size() > 1) {
            throw new WeightsFormatException(file + ": zip archive has " + candidates.size()
                    + " data.pkl entries (" + String.join(", ", candidates) + "); expected one");
        }
        String prefix = candidates.get(0);
        if (zip.getEntry(prefix + "constants.pkl") != null) {
            throw new WeightsFormatException(file + ": is a TorchScript archive, not a checkpoint"
                    + " saved with torch.save");
        }
        return prefix;
    }

    private static void checkByteOrder(String file, ZipFile zip, String prefix)
            throws WeightsFormatException {
        if (zip.getEntry(prefix + "byteorder") == null) {
            return; // older writers omit it; they wrote little-endian
        }
        String order = new String(readEntry(file, zip, zip.getEntry(prefix + "byteorder"),
                BYTE_ORDER_BYTES, "a byte order may take"), StandardCharsets.US_ASCII).strip();
        if (!"little".equals(order)) {
            throw new WeightsFormatException(file + ": storages are stored in '"
                    + PyValues.oneLine(order) + "' byte order; only little-endian is supported");
        }
    }

    /**
     * Reads an entry of at most {@code maxBytes}, inflating no more than it lists (or
     * {@code maxBytes} where it lists nothing) and one byte beyond, to tell that it holds
     * more. A listed size is never trusted for an allocation: it may lie about what a
     * compressed stream inflates to.
     *
     * @param limit what bounds {@code maxBytes}, for messages, e.g. "a pickle may take"
     */
    private static byte[] readEntry(String file, ZipFile zip, ZipEntry entry, long maxBytes,
            String limit) throws WeightsFormatException {
        String name = entry.getName();
        long listed = entry.getSize();
        if (listed > maxBytes) {
            throw new WeightsFormatException(file + ": entry " + name + " lists " + listed
                    + " bytes, more than the " + maxBytes + " bytes " + limit + "; refused");
        }
        long bound = listed >= 0 ? listed : maxBytes;
        try (InputStream in = zip.getInputStream(entry)) {
            // readNBytes grows its buffer with what actually arrives, never to the bound at once
            byte[] bytes = in.readNBytes((int) Math.min(bound + 1, TensorViews.MAX_BYTES));
            if (bytes.length > bound) {
                throw new WeightsFormatException(file + ": entry " + name + " inflates to more than "
                        + (listed >= 0 ? "the " + listed + " bytes the archive lists"
                                : "the " + maxBytes + " bytes " + limit) + "; refused");
            }
            if (listed >= 0 && bytes.length != listed) {
                throw new WeightsFormatException(file + ": entry " + name + " holds "
                        + bytes.length + " bytes where the archive lists " + listed);
            }
            return bytes;
        } catch (WeightsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new WeightsFormatException(file + ": entry " + name + " cannot be read ("
                    + PyValues.oneLine(e.getMessage()) + "); the file may be truncated or corrupt", e);
        }
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException e) {
            // nothing was written; nothing to lose
        }
    }
}
