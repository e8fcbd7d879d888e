package io.lvnet.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.Raster;
import io.lvnet.detect.FileResult;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Web pages of other origins cannot make the service scan: a browser's cross-origin upload is
 * refused with 403 before any work, unless {@code --allow-origin} names the page's origin; the
 * service's own page and programs that send no Origin get through.
 */
class ServeOriginTest {
    static final String ALLOWED = "https://app.example";

    @TempDir
    static Path dir;
    static DetectServer server;
    static Client client;
    static final AtomicInteger scans = new AtomicInteger();
    static final byte[] PICTURE = Raster.blank(32, 32, 1).png();

    @BeforeAll
    static void start() throws Exception {
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 1, 2, 4, 8, dir.resolve("uploads"))
                .withAllowOrigins(List.of("HTTPS://App.Example:443"));
        server = DetectServer.start(config, ServeLimits.defaults(), "test");
        server.ready((file, name, options) -> {
            scans.incrementAndGet();
            return new DetectionResult(List.of(FileResult.of(name, "image", List.of())), null, null);
        }, Map.of());
        client = new Client(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPageOfAnotherOriginIsRefusedBeforeAnyWork() throws Exception {
        int before = scans.get();
        long refusedBefore = forbidden();
        for (String origin : List.of("http://evil.example", "null", "http://127.0.0.1:1", "https://app.example.evil.example")) {
            Client.Reply r = client.detect("", "a.png", PICTURE, "Origin", origin);
            assertEquals(403, r.status(), origin + ": " + r.body());
            assertTrue(r.error().contains("--allow-origin"), r.error());
            assertNull(r.header("Access-Control-Allow-Origin"));
        }
        Client.Reply noOrigin = client.detect("", "a.png", PICTURE, "Sec-Fetch-Site", "cross-site");
        assertEquals(403, noOrigin.status(), "a browser that says cross-site but names no origin");
        assertEquals(before, scans.get(), "nothing was scanned");
        assertEquals(refusedBefore + 5, forbidden());
    }

    @Test
    void programsAndTheServicesOwnPageGetThrough() throws Exception {
        assertEquals(200, client.detect("", "a.png", PICTURE).status(), "no Origin: curl and other programs");
        String own = "http://127.0.0.1:" + server.address().getPort();
        Client.Reply page = client.detect("", "a.png", PICTURE, "Origin", own, "Sec-Fetch-Site", "same-origin");
        assertEquals(200, page.status(), page.body());
        assertNull(page.header("Access-Control-Allow-Origin"), "same-origin needs no CORS header");
        assertTrue(raw("localhost", "http://localhost:" + server.address().getPort()).startsWith("HTTP/1.1 200"));
    }

    @Test
    void anAllowedOriginGetsThroughAndMayReadTheAnswer() throws Exception {
        Client.Reply r = client.detect("", "a.png", PICTURE, "Origin", ALLOWED, "Sec-Fetch-Site", "cross-site");
        assertEquals(200, r.status(), r.body());
        assertEquals(ALLOWED, r.header("Access-Control-Allow-Origin"));
        assertEquals(ALLOWED, client.get("/v1/info").json().at("/config/allow_origins/0").asText(), "normalised");
        assertThrows(IllegalArgumentException.class, () -> new ServeConfig("127.0.0.1", 0, 1, 1, 2, 8, null)
                .withAllowOrigins(List.of("app.example")));
    }

    @Test
    void aPageUnderAnotherNameForTheLoopbackAddressIsRefused() throws Exception {
        // DNS rebinding: evil.example resolves to 127.0.0.1, so its page is "same-origin" under its own name
        int port = server.address().getPort();
        String answer = raw("evil.example:" + port, "http://evil.example:" + port);
        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
    }

    private static long forbidden() {
        return server.metricsText().lines().filter(l -> l.startsWith("lvnet_detect_rejections_total{reason=\"forbidden\"} "))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Posts the picture over a raw socket with the given Host and Origin; returns the whole answer. */
    private static String raw(String host, String origin) throws Exception {
        if (!host.contains(":")) {
            host = host + ":" + server.address().getPort();
        }
        MultipartBody body = MultipartBody.file("a.png", "image/png", PICTURE);
        try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("POST /v1/detect HTTP/1.1\r\nHost: " + host + "\r\nOrigin: " + origin + "\r\nContent-Type: "
                    + body.contentType() + "\r\nContent-Length: " + body.bytes().length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(body.bytes());
            out.write(request.toByteArray());
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
