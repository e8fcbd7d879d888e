package io.lvnet.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.model.LvNetConfig;
import io.lvnet.detect.LvNetModel;
import io.lvnet.synth.Portraits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service under pressure, made deterministic with detectors that wait for the test: a full
 * work queue and full upload places answer 503 with Retry-After at once, a scan past the time
 * limit answers 504 and is interrupted, and nothing is served before the model is loaded.
 */
class ServeBusyTest {
    @TempDir
    static Path dir;
    static LvNetModel model;
    static byte[] portrait;
    final ExecutorService clients = Executors.newCachedThreadPool();

    @BeforeAll
    static void model() {
        model = LvNetModel.create(LvNetConfig.compact());
        portrait = Portraits.png(3, 200);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    /** A real detector that first tells the test it started, then waits for the gate. */
    static final class Gated implements Detector {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        final ModelDetector real = new ModelDetector(model, 8);

        @Override
        public DetectionResult detect(Path file, String name, DetectOptions options) throws java.io.IOException {
            started.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            return real.detect(file, name, options);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    @Test
    void aFullQueueIsRefusedAtOnceWith503AndRetryAfter() throws Exception {
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 1, 1, 8, 8, dir.resolve("queue"));
        Gated gated = new Gated();
        try (DetectServer server = DetectServer.start(config, ServeLimits.defaults(), "test")) {
            server.ready(gated, ServiceInfo.model(null, model));
            Client client = new Client(server.uri());
            Future<Client.Reply> running = clients.submit(() -> client.detect("", "a.png", portrait));
            assertTrue(gated.started.await(30, TimeUnit.SECONDS), "the first request reached the worker");
            Future<Client.Reply> queued = clients.submit(() -> client.detect("", "b.png", portrait));
            awaitMetric(server, "lvnet_detect_queue_depth 1");

            long t0 = System.nanoTime();
            Client.Reply refused = client.detect("", "c.png", portrait);
            assertEquals(503, refused.status(), refused.body());
            assertTrue(refused.error().contains("queue of 1 full"), refused.error());
            assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "refused without waiting for the queue");

            gated.gate.countDown();
            assertEquals(200, running.get(60, TimeUnit.SECONDS).status());
            assertEquals(200, queued.get(60, TimeUnit.SECONDS).status());
            assertTrue(server.metricsText().contains("lvnet_detect_rejections_total{reason=\"busy\"} 1"));
            assertNoUploads(server);
        }
    }

    @Test
    void fullUploadPlacesAreRefusedWith503() throws Exception {
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 1, 4, 1, 8, dir.resolve("places"));
        Gated gated = new Gated();
        try (DetectServer server = DetectServer.start(config, ServeLimits.defaults(), "test")) {
            server.ready(gated, ServiceInfo.model(null, model));
            Client client = new Client(server.uri());
            Future<Client.Reply> first = clients.submit(() -> client.detect("", "a.png", portrait));
            assertTrue(gated.started.await(30, TimeUnit.SECONDS));
            Client.Reply refused = client.detect("", "b.png", portrait);
            assertEquals(503, refused.status(), refused.body());
            assertTrue(refused.error().contains("too many uploads"), refused.error());
            assertTrue(refused.header("Retry-After") != null);
            gated.gate.countDown();
            assertEquals(200, first.get(60, TimeUnit.SECONDS).status());
            assertNoUploads(server);
        }
    }

    @Test
    void aScanPastTheTimeLimitIsInterruptedAndAnswered504() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Detector endless = (file, name, options) -> {
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                interrupted.countDown(); // the worker is given back
            }
            throw new java.io.InterruptedIOException();
        };
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 1, 1, 4, 8, dir.resolve("timeout"));
        try (DetectServer server = DetectServer.start(config, ServeLimits.defaults().withRequestTimeout(Duration.ofSeconds(1)), "test")) {
            server.ready(endless, ServiceInfo.model(null, model));
            Client client = new Client(server.uri());
            long t0 = System.nanoTime();
            Client.Reply r = client.detect("", "slow.png", portrait);
            assertEquals(504, r.status(), r.body());
            assertTrue(r.error().contains("time limit of 1 s"), r.error());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
            assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the scan was interrupted");
            awaitMetric(server, "lvnet_detect_jobs_running 0");
            assertNoUploads(server);
        }
    }

    @Test
    void aScanThatIgnoresItsTimeoutKeepsItsWorkerSoRunningScansNeverExceedWorkers() throws Exception {
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Detector stubborn = (file, name, options) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (calls.incrementAndGet() <= 2) {
                    sleepUninterruptibly(3000); // like native code: the interrupt is seen only when it returns
                }
                return new DetectionResult(List.of(io.lvnet.detect.FileResult.of(name, "image", List.of())), null, null);
            } finally {
                inFlight.decrementAndGet();
            }
        };
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 2, 4, 8, 8, dir.resolve("stubborn"));
        try (DetectServer server = DetectServer.start(config, ServeLimits.defaults().withRequestTimeout(Duration.ofSeconds(2)), "test")) {
            server.ready(stubborn, ServiceInfo.model(null, model));
            Client client = new Client(server.uri());
            List<Future<Client.Reply>> first = List.of(clients.submit(() -> client.detect("", "a.png", portrait)),
                    clients.submit(() -> client.detect("", "b.png", portrait)));
            for (Future<Client.Reply> f : first) {
                assertEquals(504, f.get(30, TimeUnit.SECONDS).status());
            }
            // both scans go on past their answers, and still hold both workers
            awaitMetric(server, "lvnet_detect_jobs_abandoned 2");
            List<Future<Client.Reply>> second = List.of(clients.submit(() -> client.detect("", "c.png", portrait)),
                    clients.submit(() -> client.detect("", "d.png", portrait)));
            awaitMetric(server, "lvnet_detect_queue_depth 2");
            assertTrue(server.metricsText().contains("\nlvnet_detect_jobs_running 2\n"), server.metricsText());
            for (Future<Client.Reply> f : second) {
                assertEquals(200, f.get(30, TimeUnit.SECONDS).status(), "run once the abandoned scans returned");
            }
            assertEquals(2, most.get(), "scans running at once, at most the workers");
            assertEquals(4, calls.get());
            awaitMetric(server, "lvnet_detect_jobs_abandoned 0");
            awaitMetric(server, "lvnet_detect_jobs_running 0");
            assertNoUploads(server);
        }
    }

    private static void sleepUninterruptibly(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean interrupted = false;
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anUploadStillTricklingInAtTheDeadlineIsRefusedWith408() throws Exception {
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 1, 1, 4, 8, dir.resolve("slow"));
        try (DetectServer server = DetectServer.start(config, ServeLimits.defaults().withRequestTimeout(Duration.ofSeconds(1)), "test");
                java.net.Socket socket = new java.net.Socket("127.0.0.1", server.address().getPort())) {
            server.ready(new ModelDetector(model, 8), ServiceInfo.model(null, model));
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/detect HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                    + "Content-Length: 100000\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 0; i < 12; i++) { // 1.8 s of a byte now and then: alive, but too slow
                out.write(i == 0 ? 0x89 : 'x');
                out.flush();
                Thread.sleep(150);
            }
            socket.shutdownOutput();
            socket.setSoTimeout(30_000);
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("{\"error\":\"upload too slow"), answer);
            assertNoUploads(server);
        }
    }

    @Test
    void nothingIsServedBeforeTheModelIsLoaded() throws Exception {
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 1, 1, 4, 8, dir.resolve("loading"));
        try (DetectServer server = DetectServer.start(config, ServeLimits.defaults(), "test")) {
            Client client = new Client(server.uri());
            Client.Reply health = client.get("/healthz");
            assertEquals(503, health.status());
            assertEquals("loading", health.json().get("status").asText());
            Client.Reply detect = client.detect("", "a.png", portrait);
            assertEquals(503, detect.status());
            assertTrue(detect.error().contains("loading"), detect.error());
            assertEquals("5", detect.header("Retry-After"));
            assertFalse(client.get("/v1/info").json().get("ready").asBoolean());

            server.ready(new ModelDetector(model, 8), ServiceInfo.model(null, model));
            assertEquals(200, client.get("/healthz").status());
            assertEquals(200, client.detect("", "a.png", portrait).status());
            assertNoUploads(server);
        }
    }

    private static void awaitMetric(DetectServer server, String line) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!server.metricsText().contains("\n" + line + "\n")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("metrics never showed '" + line + "':\n" + server.metricsText());
            }
            Thread.sleep(20);
        }
    }

    private static void assertNoUploads(DetectServer server) throws Exception {
        try (Stream<Path> left = Files.list(server.uploadDirectory())) {
            assertEquals(List.of(), left.toList());
        }
    }
}
