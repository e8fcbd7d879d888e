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
            byte[] pickle = readEntry(file, zip, prefix + "data.pkl");
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

    @Override
    public ByteBuffer storage(StorageRef ref) throws WeightsFormatException {
        String name = prefix + "data/" + ref.key();
        if (zip.getEntry(name) == null) {
            throw new WeightsFormatException(file + ": storage " + ref.key() + " (entry " + name
                    + ") is missing from the archive");
        }
        byte[] bytes = readEntry(file, zip, name);
        long expected = ref.rootNumel() * ref.type().bytes();
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
        String order = new String(readEntry(file, zip, prefix + "byteorder"),
                StandardCharsets.US_ASCII).strip();
        if (!"little".equals(order)) {
            throw new WeightsFormatException(file + ": storages are stored in '"
                    + PyValues.oneLine(order) + "' byte order; only little-endian is supported");
        }
    }

    private static byte[] readEntry(String file, ZipFile zip, String name) throws WeightsFormatException {
        ZipEntry entry = zip.getEntry(name);
        if (entry.getSize() > TensorViews.MAX_BYTES) {
            throw new WeightsFormatException(file + ": entry " + name + " is " + entry.getSize()
                    + " bytes, too large to read");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            // never read past the listed size, whatever the compressed stream inflates to
            byte[] bytes = entry.getSize() < 0 ? in.readAllBytes()
                    : in.readNBytes((int) Math.min(entry.getSize() + 1, TensorViews.MAX_BYTES));
            if (entry.getSize() >= 0 && bytes.length != entry.getSize()) {
                throw new WeightsFormatException(file + ": entry " + name + " holds "
                        + bytes.length + " bytes where the archive lists " + entry.getSize());
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
