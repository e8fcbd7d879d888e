package io.lvnet.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lvnet.detect.DetectionReport;
import io.lvnet.memory.PeakMemory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded load test of a running service: {@code clients} concurrent clients each send
 * {@code requestsPerClient} detections (one after another, cycling through the given images),
 * in two halves with a garbage collection and a heap reading after each, so that a leak shows
 * as growth from the first half to the second. A few warm-up requests go first and are not
 * counted. Requests still unsent at the time limit are counted as not sent.
 *
 * <p>The heap and resident memory figures are this JVM's: they describe the service when it
 * runs in the same process (as in {@code lvnet bench --serve} and the tests).
 */
public final class LoadTest {
    private LoadTest() {
    }

    /**
     * What a load test measured.
     *
     * @param clients concurrent clients
     * @param planned requests planned (clients x requests per client)
     * @param ok answers with status 200
     * @param errors everything else: other statuses, failed connections, requests not sent in time
     * @param faces faces scored over all answered requests (the model's work)
     * @param outcomes count per outcome ("200", "503", "IOException", "not sent")
     * @param seconds time spent in the two measured halves
     * @param requestsPerSecond answered requests per second
     * @param p50Ms median latency
     * @param p99Ms 99th percentile latency (nearest rank)
     * @param maxMs slowest request
     * @param heapAfterWarmupMb heap in use after a GC, before the measured requests
     * @param heapAfterFirstHalfMb heap in use after a GC, after the first half
     * @param heapAfterSecondHalfMb heap in use after a GC, after the second half
     * @param rssAfterFirstHalfMb resident memory after the first half
     * @param rssAfterSecondHalfMb resident memory after the second half
     */
    public record Report(
            @JsonProperty("clients") int clients,
            @JsonProperty("planned") int planned,
            @JsonProperty("ok") long ok,
            @JsonProperty("errors") long errors,
            @JsonProperty("faces") long faces,
            @JsonProperty("outcomes") Map<String, Long> outcomes,
            @JsonProperty("seconds") double seconds,
            @JsonProperty("requests_per_s") double requestsPerSecond,
            @JsonProperty("p50_ms") double p50Ms,
            @JsonProperty("p99_ms") double p99Ms,
            @JsonProperty("max_ms") double maxMs,
            @JsonProperty("heap_after_warmup_mb") double heapAfterWarmupMb,
            @JsonProperty("heap_after_first_half_mb") double heapAfterFirstHalfMb,
            @JsonProperty("heap_after_second_half_mb") double heapAfterSecondHalfMb,
            @JsonProperty("rss_after_first_half_mb") long rssAfterFirstHalfMb,
            @JsonProperty("rss_after_second_half_mb") long rssAfterSecondHalfMb) {

        /** The figures in a few lines of text. */
        public String describe() {
            return String.format(java.util.Locale.ROOT,
                    "%d clients x %d requests: %d ok, %d errors %s, %d faces scored, in %.1f s%n"
                            + "throughput %.2f requests/s, latency p50 %.0f ms, p99 %.0f ms, max %.0f ms%n"
                            + "heap after GC: %.1f MB after warm-up, %.1f MB after the first half, %.1f MB after the second;"
                            + " resident %d MB -> %d MB",
                    clients, planned / Math.max(1, clients), ok, errors, outcomes, faces, seconds, requestsPerSecond, p50Ms, p99Ms,
                    maxMs, heapAfterWarmupMb, heapAfterFirstHalfMb, heapAfterSecondHalfMb, rssAfterFirstHalfMb,
                    rssAfterSecondHalfMb);
        }
    }

    /**
     * Runs the test.
     *
     * @param base the service, e.g. {@code http://127.0.0.1:8080/}
     * @param images PNG files to send, cycled through
     * @param clients concurrent clients
     * @param requestsPerClient requests each client sends
     * @param warmup requests sent first, one at a time, not counted
     * @param limit time after which no more requests are sent
     */
    public static Report run(URI base, List<byte[]> images, int clients, int requestsPerClient, int warmup, Duration limit)
            throws IOException, InterruptedException {
        if (images.isEmpty() || clients < 1 || requestsPerClient < 1 || warmup < 0) {
            throw new IllegalArgumentException("need images, at least one client and one request per client");
        }
        URI detect = base.resolve("/v1/detect");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        LongAdder faces = new LongAdder();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < warmup; i++) {
            send(http, detect, images.get(i % images.size()), deadline, new ConcurrentHashMap<>(), new ArrayList<>(), new LongAdder());
        }
        double heap0 = heapAfterGcMb();
        int first = (requestsPerClient + 1) / 2;
        long t0 = System.nanoTime();
        phase(http, detect, images, clients, 0, first, deadline, outcomes, latencies, faces);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double heap1 = heapAfterGcMb();
        long rss1 = PeakMemory.currentRssMb();
        long t1 = System.nanoTime();
        phase(http, detect, images, clients, first, requestsPerClient - first, deadline, outcomes, latencies, faces);
        seconds += (System.nanoTime() - t1) / 1e9;
        double heap2 = heapAfterGcMb();
        long rss2 = PeakMemory.currentRssMb();

        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.sum()));
        long ok = counts.getOrDefault("200", 0L);
        int planned = clients * requestsPerClient;
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Report(clients, planned, ok, planned - ok, faces.sum(), counts, seconds, latencies.size() / seconds,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1),
                heap0, heap1, heap2, rss1, rss2);
    }

    private static void phase(HttpClient http, URI detect, List<byte[]> images, int clients, int from, int count, long deadline,
            Map<String, LongAdder> outcomes, List<Double> latencies, LongAdder faces) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (int i = from; i < from + count; i++) {
                        send(http, detect, images.get((client * 7919 + i) % images.size()), deadline, outcomes, latencies, faces);
                    }
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    outcomes.computeIfAbsent("client failed", k -> new LongAdder()).increment();
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static void send(HttpClient http, URI detect, byte[] png, long deadline, Map<String, LongAdder> outcomes,
            List<Double> latencies, LongAdder faces) {
        if (System.nanoTime() - deadline > 0) {
            outcomes.computeIfAbsent("not sent", k -> new LongAdder()).increment();
            return;
        }
        MultipartBody body = MultipartBody.file("face.png", "image/png", png);
        HttpRequest request = HttpRequest.newBuilder(detect).timeout(Duration.ofSeconds(300))
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build();
        long t0 = System.nanoTime();
        String outcome;
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            outcome = Integer.toString(r.statusCode());
            latencies.add((System.nanoTime() - t0) / 1e6);
            if (r.statusCode() == 200) {
                faces.add(DetectionReport.fromJson(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).files().get(0)
                        .faces().size());
            }
        } catch (IOException e) {
            outcome = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        }
        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    private static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** Heap in use after the collector has run (a few times: one call may not finish the work). */
    static double heapAfterGcMb() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
