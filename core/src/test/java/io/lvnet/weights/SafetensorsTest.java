package io.lvnet.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsTypesShapesBytesOrderAndMetadata() throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("z.weight", TensorData.ofFloats(new long[] {2, 3},
                new float[] {1.5f, -2f, 0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN}));
        tensors.put("a.half", shorts(TensorType.FLOAT16, new long[] {4},
                (short) 0x3c00, (short) 0xc000, (short) 0x0001, (short) 0x7c00));
        tensors.put("m.bf16", shorts(TensorType.BFLOAT16, new long[] {2, 2},
                (short) 0x3f80, (short) 0xbf80, (short) 0x4049, (short) 0x0000));
        tensors.put("b.num_batches_tracked", TensorData.ofLongs(new long[] {3},
                new long[] {4, -1, Long.MAX_VALUE}));
        tensors.put("scalar", TensorData.ofFloats(new long[] {}, new float[] {3.25f}));
        tensors.put("empty", TensorData.ofFloats(new long[] {0, 5}, new float[0]));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("note", "ünïcödé \"quoted\"");

        Path file = dir.resolve("sub/dir/model.safetensors");
        Safetensors.write(file, tensors, metadata);
        SafetensorsContent back = Safetensors.read(file);

        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.tensors().keySet()));
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            TensorData got = back.tensors().get(e.getKey());
            assertTrue(e.getValue().bitEquals(got), e.getKey() + ": " + got);
        }
        assertArrayEquals(new long[] {}, back.tensors().get("scalar").shape());
        assertEquals(3.25f, back.tensors().get("scalar").toFloats()[0]);
        assertEquals(metadata, back.metadata());
    }

    @Test
    void tinyFileMatchesTheSpecByteForByte() throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("w", TensorData.ofFloats(new long[] {2}, new float[] {1.0f, -2.0f}));
        tensors.put("n", TensorData.ofLongs(new long[] {}, new long[] {258}));
        Path file = dir.resolve("tiny.safetensors");
        Safetensors.write(file, tensors, Map.of("k", "v"));

        String json = "{\"__metadata__\":{\"k\":\"v\"},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"n\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[8,16]}}";
        assertEquals(132, json.length());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        // header length 136 = 132 JSON bytes + 4 spaces, little-endian u64
        expected.writeBytes(new byte[] {(byte) 136, 0, 0, 0, 0, 0, 0, 0});
        expected.writeBytes(json.getBytes(StandardCharsets.UTF_8));
        expected.writeBytes("    ".getBytes(StandardCharsets.US_ASCII));
        // 1.0f = 0x3f800000, -2.0f = 0xc0000000, 258 = 0x102, all little-endian
        expected.writeBytes(new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, (byte) 0xc0});
        expected.writeBytes(new byte[] {2, 1, 0, 0, 0, 0, 0, 0});
        byte[] actual = Files.readAllBytes(file);
        assertArrayEquals(expected.toByteArray(), actual);

        // and the header, parsed independently, locates the data
        ByteBuffer buf = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong();
        assertEquals(0, (8 + n) % 8);
        JsonNode header = new ObjectMapper().readTree(new String(actual, 8, (int) n, StandardCharsets.UTF_8));
        JsonNode w = header.get("w");
        assertEquals("F32", w.get("dtype").asText());
        int begin = w.get("data_offsets").get(0).asInt();
        assertEquals(-2.0f, buf.getFloat((int) (8 + n + begin + 4)));
        assertEquals(258L, buf.getLong((int) (8 + n + header.get("n").get("data_offsets").get(0).asInt())));
    }

    @Test
    void readsForeignLayoutInDataOrder() throws IOException {
        // keys sorted by name (as Python's writer does) while the data runs in another order,
        // metadata last, no padding
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"__metadata__\":{\"format\":\"pt\"}}";
        Path file = rawFile(json, new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40});
        SafetensorsContent c = Safetensors.read(file);
        assertEquals(List.of("b", "a"), List.copyOf(c.tensors().keySet()));
        assertEquals(1.0f, c.tensors().get("b").toFloats()[0]);
        assertEquals(2.0f, c.tensors().get("a").toFloats()[0]);
        assertEquals(Map.of("format", "pt"), c.metadata());
    }

    @Test
    void truncatedFileIsRejected() throws IOException {
        Path file = dir.resolve("t.safetensors");
        Safetensors.write(file, Map.of("w", TensorData.ofFloats(new long[] {4}, new float[4])), Map.of());
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 3));
        assertInvalid(file, "data_offsets");
        Files.write(file, Arrays.copyOf(all, 20));
        assertInvalid(file, "header length");
        Files.write(file, Arrays.copyOf(all, 5));
        assertInvalid(file, "too short");
    }

    @Test
    void garbageHeaderIsRejected() throws IOException {
        assertInvalid(rawFile("not json at all!", new byte[0]), "not valid JSON");
        assertInvalid(rawFile("[1, 2, 3]", new byte[0]), "not a JSON object");
        assertInvalid(rawFile("{\"a\": 1}", new byte[0]), "not a JSON object");
        assertInvalid(rawFile("{} trailing", new byte[0]), "not valid JSON");
        Path huge = dir.resolve("huge.safetensors");
        Files.write(huge, new byte[] {0x50, 0x4b, 3, 4, 9, 9, 9, 9, 1, 2, 3});
        assertInvalid(huge, "header length");
        Path badUtf8 = dir.resolve("utf8.safetensors");
        Files.write(badUtf8, new byte[] {2, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xfe});
        assertInvalid(badUtf8, "UTF-8");
    }

    @Test
    void inconsistentEntriesAreRejected() throws IOException {
        byte[] eight = new byte[8];
        assertInvalid(rawFile(entry("a", "F32", "[4]", "[0,16]"), eight), "run past the data section");
        assertInvalid(rawFile(entry("a", "F32", "[2]", "[8,16]"), eight), "run past the data section");
        assertInvalid(rawFile(entry("a", "F32", "[3]", "[0,8]"), eight), "needs 12 bytes");
        assertInvalid(rawFile(entry("a", "X9", "[2]", "[0,8]"), eight), "unsupported dtype 'X9'");
        assertInvalid(rawFile(entry("a", "F32", "[-2]", "[0,8]"), eight), "not a non-negative integer");
        assertInvalid(rawFile(entry("a", "F32", "[2]", "[8,0]"), eight), "end before they begin");
        assertInvalid(rawFile(entry("a", "F32", "[2]", "[0]"), eight), "data_offsets");
        assertInvalid(rawFile(entry("a", "F32", "[1]", "[0,4]"), eight), "tensors account for 4");
        String overlap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertInvalid(rawFile(overlap, eight), "overlaps");
        String gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[6,8]}}";
        assertInvalid(rawFile(gap, eight), "gap");
        assertInvalid(rawFile("{\"__metadata__\":{\"k\":1}}", new byte[0]), "not a string");
        String duplicate = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertInvalid(rawFile(duplicate, eight), "not valid JSON");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.safetensors");
        IOException e = assertThrows(IOException.class, () -> Safetensors.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void failedWriteKeepsThePreviousFile() throws IOException {
        Path file = dir.resolve("keep.safetensors");
        Map<String, TensorData> old = Map.of("w", TensorData.ofFloats(new long[] {1}, new float[] {7f}));
        Safetensors.write(file, old, Map.of());
        byte[] before = Files.readAllBytes(file);
        Map<String, TensorData> clash = Map.of(SafetensorsHeader.METADATA_KEY,
                TensorData.ofFloats(new long[] {1}, new float[] {1f}));
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(file, clash, Map.of()));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    private static TensorData shorts(TensorType type, long[] shape, short... values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : values) {
            buf.putShort(v);
        }
        return new TensorData(type, shape, buf.flip());
    }

    private static String entry(String name, String dtype, String shape, String offsets) {
        return "{\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape
                + ",\"data_offsets\":" + offsets + "}}";
    }

    private int fileCount;

    private Path rawFile(String json, byte[] data) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length).put(header).put(data);
        Path file = dir.resolve("raw" + (fileCount++) + ".safetensors");
        Files.write(file, buf.array());
        return file;
    }

    private static void assertInvalid(Path file, String problem) {
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Safetensors.read(file));
        String message = e.getMessage();
        assertTrue(message.contains(file.toString()), message);
        assertTrue(message.contains(problem), message);
        assertFalse(message.contains("\n"), message);
    }
}
