package io.lvnet.data;

import io.lvnet.weights.TensorData;
import io.lvnet.weights.TensorType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Test-only reader of NumPy {@code .npz} archives of little-endian, C-order {@code .npy} arrays. */
final class Npz {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npz() {
    }

    /** Every array of the archive, keyed by entry name without {@code .npy}. */
    static Map<String, TensorData> read(Path file) throws IOException {
        Map<String, TensorData> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName().endsWith(".npy")
                        ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                arrays.put(name, parseNpy(zip, file + ":" + e.getName()));
            }
        }
        return arrays;
    }

    private static TensorData parseNpy(InputStream in, String source) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        all.get(magic);
        if (!new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY") || magic[0] != (byte) 0x93) {
            throw new IOException(source + ": not an .npy entry");
        }
        int major = all.get();
        all.get(); // minor
        int headerLength = major == 1 ? Short.toUnsignedInt(all.getShort()) : all.getInt();
        byte[] header = new byte[headerLength];
        all.get(header);
        String dict = new String(header, StandardCharsets.ISO_8859_1);
        TensorType type = typeOf(group(DESCR, dict, source), source);
        if (group(FORTRAN, dict, source).equals("True")) {
            throw new IOException(source + ": Fortran order not supported");
        }
        String dims = group(SHAPE, dict, source).trim();
        long[] shape = dims.isEmpty() ? new long[0]
                : java.util.Arrays.stream(dims.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .mapToLong(Long::parseLong).toArray();
        return new TensorData(type, shape, all.slice());
    }

    private static String group(Pattern p, String dict, String source) throws IOException {
        Matcher m = p.matcher(dict);
        if (!m.find()) {
            throw new IOException(source + ": bad .npy header " + dict.trim());
        }
        return m.group(1);
    }

    private static TensorType typeOf(String descr, String source) throws IOException {
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
            default -> throw new IOException(source + ": unsupported dtype " + descr);
        };
    }
}
