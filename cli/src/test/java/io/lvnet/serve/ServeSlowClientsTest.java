package io.lvnet.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.detect.FileResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send their request a byte at a time hold no thread that anyone else needs, and
 * are disconnected at the header deadline; meanwhile health checks answer at once.
 */
class ServeSlowClientsTest {
    private static final int TRICKLERS = 64;
    private static final byte[] REQUEST = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: trickle\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    /** A connection sending its request line a byte a second. */
    private static final class Trickler implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final InputStream in;
        int sent;
        long closedAt = -1;

        Trickler(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(1);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        /** Sends the next byte; false once the server has closed the connection. */
        boolean trickle(long now) {
            if (closedAt >= 0) {
                return false;
            }
            try {
                out.write(REQUEST[sent++ % REQUEST.length]);
                out.flush();
                return true;
            } catch (IOException e) {
                closedAt = now;
                return false;
            }
        }

        /** Whether the server has closed the connection (noticed now if not before). */
        boolean closed(long now) {
            if (closedAt < 0) {
                try {
                    if (in.read() < 0) {
                        closedAt = now;
                    }
                } catch (SocketTimeoutException e) {
                    // still open, nothing to read
                } catch (IOException e) {
                    closedAt = now; // reset
                }
            }
            return closedAt >= 0;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void tricklingClientsAreCutAtTheHeaderDeadlineWhileHealthChecksAnswerAtOnce() throws Exception {
        // few upload places: the old pool (uploads + 8 threads, queued) had 12 threads for 64 tricklers
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 1, 1, 4, 8, dir.resolve("uploads"));
        ServeLimits limits = ServeLimits.defaults().withHeaderTimeout(Duration.ofSeconds(2));
        List<Trickler> tricklers = new ArrayList<>();
        try (DetectServer server = DetectServer.start(config, limits, "test")) {
            server.ready((file, name, options) -> new DetectionResult(List.of(FileResult.of(name, "image", List.of())), null, null),
                    java.util.Map.of());
            Client client = new Client(server.uri());
            long t0 = System.nanoTime();
            for (int i = 0; i < TRICKLERS; i++) {
                Trickler t = new Trickler(server.address().getPort());
                tricklers.add(t);
                t.trickle(0);
            }
            awaitMetric(server, "lvnet_http_requests_in_progress " + TRICKLERS);

            // while every trickler holds a thread, health checks come through at once, on new connections
            List<Long> healthMillis = new ArrayList<>();
            long end = t0 + TimeUnit.SECONDS.toNanos(10);
            long nextByte = t0 + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < end && !tricklers.stream().allMatch(t -> t.closed(System.nanoTime() - t0))) {
                long now = System.nanoTime();
                if (now >= nextByte) {
                    tricklers.forEach(t -> t.trickle(now - t0));
                    nextByte += TimeUnit.SECONDS.toNanos(1);
                }
                if (now - t0 < TimeUnit.MILLISECONDS.toNanos(1800)) {
                    long h0 = System.nanoTime();
                    assertEquals(200, new Client(server.uri()).get("/healthz").status());
                    healthMillis.add((System.nanoTime() - h0) / 1_000_000);
                }
                Thread.sleep(50);
            }

            assertTrue(healthMillis.size() >= 3, "health checks made while the tricklers held their threads: " + healthMillis);
            assertTrue(healthMillis.stream().allMatch(ms -> ms < 1000), "health check times (ms): " + healthMillis);
            for (Trickler t : tricklers) {
                assertTrue(t.closedAt >= 0, "a trickling connection was left open after " + (System.nanoTime() - t0) / 1e9 + " s");
                assertTrue(t.closedAt >= TimeUnit.MILLISECONDS.toNanos(1900), "closed before the deadline: "
                        + t.closedAt / 1e9 + " s");
            }
            awaitMetric(server, "lvnet_http_slow_headers_total " + TRICKLERS);
            awaitMetric(server, "lvnet_http_requests_in_progress 0");
            assertEquals(200, client.get("/healthz").status(), "the server is as good as new");
        } finally {
            for (Trickler t : tricklers) {
                t.close();
            }
        }
    }

    @Test
    void anUploadThatStopsArrivingIsCutAtTheIdleDeadline() throws Exception {
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 1, 1, 4, 8, dir.resolve("idle"));
        ServeLimits limits = ServeLimits.defaults().withIdleTimeout(Duration.ofSeconds(1));
        try (DetectServer server = DetectServer.start(config, limits, "test");
                Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            server.ready((file, name, options) -> new DetectionResult(List.of(FileResult.of(name, "image", List.of())), null, null),
                    java.util.Map.of());
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/detect HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; "
                    + "boundary=b\r\nContent-Length: 100000\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; "
                    + "filename=\"a.png\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long t0 = System.nanoTime();
            int r;
            try {
                r = socket.getInputStream().read(); // then nothing more is sent
            } catch (IOException e) {
                r = -1; // reset
            }
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            assertEquals(-1, r, "the connection was closed without an answer");
            assertTrue(seconds >= 1 && seconds < 5, "closed after " + seconds + " s");
            awaitMetric(server, "lvnet_http_idle_total 1");
            awaitMetric(server, "lvnet_uploads_in_progress 0");
            assertEquals(0, server.uploadsOnDisk(), "the partial upload is gone");
        }
    }

    static void awaitMetric(DetectServer server, String line) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.metricsText().contains("\n" + line + "\n")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("metrics never showed '" + line + "':\n" + server.metricsText());
            }
            Thread.sleep(10);
        }
    }
}
