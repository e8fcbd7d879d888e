package io.lvnet.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.model.LvNetConfig;
import io.lvnet.detect.LvNetModel;
import io.lvnet.synth.Portraits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded load test on loopback: 4 concurrent clients x 40 detections of rendered faces (64
 * to 160 px) on the compact model, below the queue limit. Every request must succeed, and the
 * heap after a GC must not grow from the first half to the second (a leak per request would).
 * Prints throughput and p50/p99 latency; {@code lvnet bench --serve} gives the same figures.
 */
class ServeLoadTest {
    static final int CLIENTS = 4;
    static final int REQUESTS = 40;
    /** Growth of the collected heap from the first half to the second that still counts as flat. */
    static final double HEAP_GROWTH_MB = 24;

    @TempDir
    Path dir;

    @Test
    void concurrentClientsAreAllServedAndMemoryStaysFlat() throws Exception {
        List<byte[]> faces = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            faces.add(Portraits.png(100 + i, 64 + i * 96 / 7));
        }
        // a queue with room for every client: refusals are tested elsewhere
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 2, CLIENTS, 2 * (2 + CLIENTS), 8, dir.resolve("uploads"));
        LoadTest.Report report;
        try (LvNetModel model = LvNetModel.create(LvNetConfig.compact());
                DetectServer server = DetectServer.start(config, ServeLimits.defaults(), "test")) {
            server.ready(new ModelDetector(model, 8), ServiceInfo.model(null, model));
            report = LoadTest.run(server.uri(), faces, CLIENTS, REQUESTS, 4, Duration.ofMinutes(10));
            System.out.println("lvnet serve load test:\n" + report.describe());
            assertEquals(CLIENTS * REQUESTS, server.metricsText().lines()
                    .filter(l -> l.startsWith("lvnet_http_requests_total{route=\"/v1/detect\",status=\"200\"}"))
                    .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum() - 4, "served, warm-up aside");
            try (Stream<Path> left = Files.list(server.uploadDirectory())) {
                assertEquals(0, left.count(), "no upload left behind");
            }
        }
        assertEquals(0, report.errors(), report.describe());
        assertEquals(CLIENTS * REQUESTS, report.ok());
        assertTrue(report.requestsPerSecond() > 0 && report.p99Ms() >= report.p50Ms(), report.describe());
        assertTrue(report.heapAfterSecondHalfMb() - report.heapAfterFirstHalfMb() < HEAP_GROWTH_MB,
                "heap grew under load: " + report.describe());
    }
}
