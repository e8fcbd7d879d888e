package io.lvnet.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads NumPy {@code .npz} archives (a zip of {@code .npy} files, stored or deflated) into
 * host tensors. Supported element types: {@code <f4 <f8 <f2 <i8 <i4 <i2 |i1 |u1 |b1};
 * arrays must be C-ordered.
 */
public final class NpzReader {
    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpzReader() {
    }

    /**
     * Reads every array of an archive.
     *
     * @param path the {@code .npz} file
     * @return entry name without {@code .npy} to array, in archive order
     * @throws WeightsFormatException when the file or one of its arrays cannot be read
     */
    public static Map<String, TensorData> read(Path path) throws WeightsFormatException {
        String file = path.toString();
        Map<String, TensorData> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
                try (InputStream in = zip.getInputStream(entry)) {
                    out.put(key, readNpy(file + " (" + name + ")", in));
                }
            }
        } catch (WeightsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new WeightsFormatException(file + ": not a readable .npz archive ("
                    + PyValues.oneLine(e.getMessage()) + ")", e);
        }
        return out;
    }

    /**
     * Reads one {@code .npy} array from a stream.
     *
     * @param source how to name the array in messages
     */
    public static TensorData readNpy(String source, InputStream in) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || !Arrays.equals(magic, 0, 6, NPY_MAGIC, 0, 6)) {
            throw new WeightsFormatException(source + ": not a .npy array (bad magic)");
        }
        int major = magic[6];
        int lengthBytes = major == 1 ? 2 : major == 2 || major == 3 ? 4 : -1;
        if (lengthBytes < 0) {
            throw new WeightsFormatException(source + ": .npy format version " + major
                    + " is not supported");
        }
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw new WeightsFormatException(source + ": .npy header is truncated");
        }
        long headerLength = lengthBytes == 2
                ? ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff
                : ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        if (headerLength > 1 << 20) {
            throw new WeightsFormatException(source + ": .npy header of " + headerLength
                    + " bytes is implausibly long");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new WeightsFormatException(source + ": .npy header is truncated");
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8
                : StandardCharsets.ISO_8859_1);
        TensorType type = dtype(source, field(source, DESCR, header, "descr"));
        if ("True".equals(field(source, FORTRAN, header, "fortran_order"))) {
            throw new WeightsFormatException(source + ": Fortran-ordered arrays are not supported");
        }
        long[] shape = shape(source, field(source, SHAPE, header, "shape"));
        long numel = 1;
        for (long d : shape) {
            numel = d == 0 || numel <= TensorViews.MAX_BYTES / d ? numel * d : Long.MAX_VALUE;
        }
        if (numel > TensorViews.MAX_BYTES / type.bytes()) {
            throw new WeightsFormatException(source + ": array of " + numel + " elements is too large");
        }
        int bytes = (int) (numel * type.bytes());
        byte[] data = in.readNBytes(bytes);
        if (data.length < bytes) {
            throw new WeightsFormatException(source + ": array data is truncated (" + data.length
                    + " of " + bytes + " bytes)");
        }
        return new TensorData(type, shape, ByteBuffer.wrap(data));
    }

    private static String field(String source, Pattern pattern, String header, String name)
            throws WeightsFormatException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new WeightsFormatException(source + ": .npy header has no readable '" + name
                    + "': " + PyValues.oneLine(header));
        }
        return m.group(1);
    }

    private static TensorType dtype(String source, String descr) throws WeightsFormatException {
        return switch (descr) {
            case "<f4" -> TensorType.FLOAT32;
            case "<f8" -> TensorType.FLOAT64;
            case "<f2" -> TensorType.FLOAT16;
            case "<i8" -> TensorType.INT64;
            case "<i4" -> TensorType.INT32;
            case "<i2" -> TensorType.INT16;
            case "|i1" -> TensorType.INT8;
            case "|u1" -> TensorType.UINT8;
            case "|b1" -> TensorType.BOOL;
            default -> throw new WeightsFormatException(source + ": array element type '"
                    + descr + "' is not supported");
        };
    }

    private static long[] shape(String source, String dims) throws WeightsFormatException {
        String[] parts = dims.split(",");
        int rank = 0;
        long[] shape = new long[parts.length];
        for (String p : parts) {
            String s = p.strip();
            if (s.isEmpty()) {
                continue;
            }
            try {
                shape[rank] = Long.parseLong(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
            } catch (NumberFormatException e) {
                throw new WeightsFormatException(source + ": .npy shape (" + dims + ") is not readable");
            }
            if (shape[rank] < 0) {
                throw new WeightsFormatException(source + ": .npy shape (" + dims + ") is negative");
            }
            rank++;
        }
        return Arrays.copyOf(shape, rank);
    }
}
