package io.lvnet.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzReaderTest {
    @TempDir
    Path dir;

    /** A version 1.0 .npy: magic, header padded to a multiple of 64 with '\n' last, data. */
    private static byte[] npy(String descr, String fortran, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.writeBytes(le(header.length(), 2));
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    private Path npz(String name, Object... namesAndNpys) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (int i = 0; i < namesAndNpys.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndNpys[i] + ".npy"));
                zip.write((byte[]) namesAndNpys[i + 1]);
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void readsTypesShapesAndOrder() throws IOException {
        Path file = npz("a.npz",
                "x/half", npy("<f2", "False", "(2,)", new byte[] {0x00, 0x3c, 0x00, (byte) 0xc0}),
                "flags", npy("|b1", "False", "(1, 3)", new byte[] {1, 0, 1}),
                "scalar", npy("<f8", "False", "()", le(Double.doubleToLongBits(2.5), 8)));
        Map<String, TensorData> arrays = NpzReader.read(file);
        assertEquals(List.of("x/half", "flags", "scalar"), List.copyOf(arrays.keySet()));
        assertEquals(TensorType.FLOAT16, arrays.get("x/half").type());
        assertArrayEquals(new float[] {1f, -2f}, arrays.get("x/half").toFloats());
        assertEquals(TensorType.BOOL, arrays.get("flags").type());
        assertArrayEquals(new long[] {1, 3}, arrays.get("flags").shape());
        assertArrayEquals(new long[] {}, arrays.get("scalar").shape());
        assertArrayEquals(new float[] {2.5f}, arrays.get("scalar").toFloats());
    }

    @Test
    void refusesWhatItCannotRepresent() throws IOException {
        assertMessage(npz("be.npz", "a", npy(">f4", "False", "(1,)", new byte[4])), "'>f4'");
        assertMessage(npz("f.npz", "a", npy("<f4", "True", "(1,)", new byte[4])), "Fortran");
        assertMessage(npz("cut.npz", "a", npy("<f4", "False", "(2,)", new byte[4])), "truncated");
        assertMessage(Files.write(dir.resolve("no.npz"), new byte[] {1, 2, 3}), "not a readable .npz");
    }

    private static byte[] le(long v, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (v >>> (8 * i));
        }
        return out;
    }

    private static void assertMessage(Path file, String fragment) {
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> NpzReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(fragment), e.getMessage());
    }
}
