package io.lvnet.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as {@code sha256sum} prints them: 64 lower-case hex digits. */
public final class Sha256 {
    private Sha256() {
    }

    /** The digest of a file's bytes, read in a stream (constant memory whatever its size). */
    public static String of(Path file) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The digest of a file, or null when it cannot be read (the caller reports that failure itself). */
    public static String orNull(Path file) {
        try {
            return of(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
