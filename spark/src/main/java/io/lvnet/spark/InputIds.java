package io.lvnet.spark;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Stable names: of an input (its URI) and of a chunk of inputs (the inputs it holds). */
public final class InputIds {
    private InputIds() {
    }

    /** The id of an input: the first 128 bits of the SHA-256 of its qualified URI, in hex. */
    public static String of(String uri) {
        return hex(uri.getBytes(StandardCharsets.UTF_8));
    }

    /** The name of a chunk: the hash of its inputs' ids, in order. */
    static String chunk(List<String> ids) {
        return "chunk-" + hex(String.join("\n", ids).getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
