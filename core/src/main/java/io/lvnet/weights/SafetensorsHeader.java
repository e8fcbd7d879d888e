package io.lvnet.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON header of a safetensors file: builds it for writing, and parses and validates it
 * for reading. Problems are reported as one-line {@link IllegalArgumentException} messages that
 * the caller prefixes with the file name.
 */
final class SafetensorsHeader {
    /** Name of the header entry that holds string metadata rather than a tensor. */
    static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One tensor's header entry; offsets are relative to the start of the data section. */
    record Entry(String name, TensorType type, long[] shape, long begin, long end) {
    }

    private final List<Entry> entries;
    private final Map<String, String> metadata;

    private SafetensorsHeader(List<Entry> entries, Map<String, String> metadata) {
        this.entries = entries;
        this.metadata = metadata;
    }

    /** Tensor entries ordered by data offset. */
    List<Entry> entries() {
        return entries;
    }

    /** String metadata in header order. */
    Map<String, String> metadata() {
        return metadata;
    }

    /**
     * The header JSON for tensors laid out back to back in map order, padded with spaces to a
     * multiple of 8 bytes so that the data section starts 8-byte aligned.
     */
    static byte[] encode(Map<String, TensorData> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            if (METADATA_KEY.equals(e.getKey())) {
                throw new IllegalArgumentException("a tensor cannot be named " + METADATA_KEY);
            }
            TensorData t = e.getValue();
            long size = t.data().remaining();
            ObjectNode node = root.putObject(e.getKey());
            node.put("dtype", t.type().safetensorsName());
            ArrayNode shape = node.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            node.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode safetensors header", e);
        }
        int padded = (json.length + 7) & ~7;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    /**
     * Parses and validates a header: every entry must name a known dtype and a shape whose
     * byte size equals its offset range, and the ranges must tile the data section exactly
     * (in bounds, no overlaps, no gaps, nothing left over), as the reference implementation
     * requires.
     *
     * @param json the header text
     * @param dataSize the number of bytes after the header
     * @throws IllegalArgumentException naming the first problem found
     */
    static SafetensorsHeader parse(String json, long dataSize) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("header is not valid JSON ("
                    + oneLine(e.getOriginalMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (METADATA_KEY.equals(field.getKey())) {
                parseMetadata(field.getValue(), metadata);
            } else {
                entries.add(parseEntry(field.getKey(), field.getValue()));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expectedBegin = 0;
        for (Entry e : entries) {
            if (e.end() > dataSize) {
                throw new IllegalArgumentException("tensor '" + e.name() + "' data_offsets ["
                        + e.begin() + ", " + e.end() + "] run past the data section of "
                        + dataSize + " bytes");
            }
            if (e.begin() < expectedBegin) {
                throw new IllegalArgumentException("tensor '" + e.name()
                        + "' overlaps the previous tensor (begins at " + e.begin()
                        + ", previous ends at " + expectedBegin + ")");
            }
            if (e.begin() > expectedBegin) {
                throw new IllegalArgumentException("gap in the data section before tensor '"
                        + e.name() + "' (bytes " + expectedBegin + " to " + e.begin() + ")");
            }
            expectedBegin = e.end();
        }
        if (expectedBegin != dataSize) {
            throw new IllegalArgumentException("data section has " + dataSize
                    + " bytes but the tensors account for " + expectedBegin);
        }
        return new SafetensorsHeader(List.copyOf(entries), metadata);
    }

    private static void parseMetadata(JsonNode node, Map<String, String> into) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(METADATA_KEY + " is not a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isTextual()) {
                throw new IllegalArgumentException(METADATA_KEY + " value of '" + f.getKey()
                        + "' is not a string");
            }
            into.put(f.getKey(), f.getValue().textValue());
        }
    }

    private static Entry parseEntry(String name, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("entry '" + name + "' is not a JSON object");
        }
        JsonNode dtype = node.get("dtype");
        if (dtype == null || !dtype.isTextual()) {
            throw new IllegalArgumentException("tensor '" + name + "' has no dtype string");
        }
        TensorType type = typeOf(dtype.textValue());
        if (type == null) {
            throw new IllegalArgumentException("tensor '" + name + "' has unsupported dtype '"
                    + dtype.textValue() + "'");
        }
        long[] shape = longs(name, "shape", node.get("shape"), -1);
        long[] offsets = longs(name, "data_offsets", node.get("data_offsets"), 2);
        if (offsets[1] < offsets[0]) {
            throw new IllegalArgumentException("tensor '" + name + "' data_offsets ["
                    + offsets[0] + ", " + offsets[1] + "] end before they begin");
        }
        long bytes;
        try {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            bytes = Math.multiplyExact(n, (long) type.bytes());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("tensor '" + name + "' shape "
                    + Arrays.toString(shape) + " is too large");
        }
        if (offsets[1] - offsets[0] != bytes) {
            throw new IllegalArgumentException("tensor '" + name + "' of " + type.safetensorsName()
                    + Arrays.toString(shape) + " needs " + bytes + " bytes but data_offsets ["
                    + offsets[0] + ", " + offsets[1] + "] hold " + (offsets[1] - offsets[0]));
        }
        return new Entry(name, type, shape, offsets[0], offsets[1]);
    }

    /** A JSON array of non-negative integers; {@code length} -1 accepts any length. */
    private static long[] longs(String name, String field, JsonNode node, int length) {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw new IllegalArgumentException("tensor '" + name + "' has no valid " + field
                    + (length >= 0 ? " (need an array of " + length + " integers)" : ""));
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' " + field
                        + " holds " + v + ", not a non-negative integer");
            }
            out[i] = v.longValue();
        }
        return out;
    }

    private static TensorType typeOf(String dtype) {
        for (TensorType t : TensorType.values()) {
            if (t.safetensorsName().equals(dtype)) {
                return t;
            }
        }
        return null;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
