package io.lvnet.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The multipart reader: exact file bytes whatever the chunking, names cleaned, limits, and no partial files. */
class MultipartReceiverTest {
    static final long FAR = System.nanoTime() + 60_000_000_000L;

    @TempDir
    Path dir;

    @AfterEach
    void nothingButReceivedFilesRemain() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> assertTrue(f.getFileName().toString().startsWith("upload-"), f.toString()));
        }
    }

    /** Hands out the bytes in small random pieces, as a network does. */
    static InputStream trickle(byte[] bytes, long seed) {
        Random r = new Random(seed);
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + r.nextInt(97)));
            }
        };
    }

    static byte[] body(String boundary, String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("preamble to ignore\r\n".getBytes(StandardCharsets.US_ASCII));
        for (String p : parts) {
            out.writeBytes(("--" + boundary + "\r\n" + p + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes(("--" + boundary + "--\r\nepilogue").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void theFileComesOutByteForByteWhateverTheChunking() throws Exception {
        // content full of near-delimiters: CR LF, dashes and boundary prefixes
        StringBuilder content = new StringBuilder();
        Random r = new Random(1);
        String alphabet = "\r\n-bBoundary\u00ff\u0000";
        for (int i = 0; i < 200_000; i++) {
            content.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        content.append("\r\n--Boundar"); // a delimiter prefix right before the real one
        byte[] expected = content.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = body("Boundary", "Content-Disposition: form-data; name=\"note\"\r\n\r\nhello",
                "Content-Disposition: form-data; name=\"file\"; filename=\"C:\\\\Users\\\\me\\\\\\\"x\\\".png\"\r\nContent-Type: image/png\r\n\r\n"
                        + content);
        for (long seed = 0; seed < 3; seed++) {
            MultipartReceiver.Upload up = MultipartReceiver.receive(trickle(b, seed), "Boundary", dir, 1 << 20, FAR);
            assertArrayEquals(expected, Files.readAllBytes(up.file()));
            assertEquals(expected.length, up.size());
            assertEquals("\"x\".png", up.filename());
            assertTrue(up.file().getParent().equals(dir) && up.file().getFileName().toString().startsWith("upload-"));
            Files.delete(up.file());
        }
    }

    @Test
    void boundariesComeFromTheContentType() {
        assertEquals("abc", MultipartReceiver.boundary("multipart/form-data; boundary=abc"));
        assertEquals("a b:c", MultipartReceiver.boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\""));
        assertEquals(400, assertThrows(ApiException.class, () -> MultipartReceiver.boundary("image/png")).status());
        assertEquals(400, assertThrows(ApiException.class, () -> MultipartReceiver.boundary("multipart/form-data")).status());
        assertEquals(400, assertThrows(ApiException.class, () -> MultipartReceiver.boundary(null)).status());
    }

    @Test
    void namesAreForDisplayOnly() {
        assertEquals("passwd", MultipartReceiver.displayName("../../etc/passwd"));
        assertEquals("upload", MultipartReceiver.displayName("dir/"));
        assertEquals("ab.png", MultipartReceiver.displayName("a\u0000b.png"));
        assertEquals("photo.jpg", MultipartReceiver.displayName("C:\\pictures\\photo.jpg"));
    }

    @Test
    void limitsAndMalformedBodiesLeaveNoFile() throws Exception {
        String file = "Content-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n";
        byte[] big = body("b", file + "x".repeat(5000));
        ApiException tooBig = assertThrows(ApiException.class, () -> MultipartReceiver.receive(trickle(big, 1), "b", dir, 4096, FAR));
        assertEquals(413, tooBig.status());

        byte[] two = body("b", file + "one", file + "two");
        assertEquals("send one file per request", assertThrows(ApiException.class,
                () -> MultipartReceiver.receive(trickle(two, 1), "b", dir, 4096, FAR)).getMessage());

        byte[] truncated = ("--b\r\n" + file + "data without an end").getBytes(StandardCharsets.US_ASCII);
        assertEquals(400, assertThrows(ApiException.class,
                () -> MultipartReceiver.receive(trickle(truncated, 1), "b", dir, 4096, FAR)).status());

        byte[] empty = body("b", file);
        assertEquals("the uploaded file is empty", assertThrows(ApiException.class,
                () -> MultipartReceiver.receive(trickle(empty, 1), "b", dir, 4096, FAR)).getMessage());

        byte[] headers = ("--b\r\nX-Long: " + "h".repeat(20_000) + "\r\n\r\nx\r\n--b--").getBytes(StandardCharsets.US_ASCII);
        assertEquals(400, assertThrows(ApiException.class,
                () -> MultipartReceiver.receive(trickle(headers, 1), "b", dir, 4096, FAR)).status());

        byte[] late = body("b", file + "data");
        assertEquals(408, assertThrows(ApiException.class,
                () -> MultipartReceiver.receive(trickle(late, 1), "b", dir, 4096, System.nanoTime() - 1)).status());

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }
}
