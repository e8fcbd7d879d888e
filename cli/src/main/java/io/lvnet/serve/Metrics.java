package io.lvnet.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * The service's counters, latency histograms and gauges, rendered in the Prometheus text
 * exposition format (version 0.0.4) for {@code GET /metrics}. Updates are lock-free; label
 * values come from fixed sets (routes, status codes, reasons), never from request text, so
 * the number of series stays bounded.
 */
final class Metrics {
    /** Histogram bucket bounds in seconds: from a health check to a long video. */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();
    private final Map<String, Gauge> gauges = new java.util.LinkedHashMap<>();

    private record Gauge(String help, String type, DoubleSupplier value) {
    }

    private static final class Histogram {
        final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
        final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            int i = 0;
            while (i < BUCKETS.length && seconds > BUCKETS[i]) {
                i++;
            }
            counts[i].increment();
            sum.add(seconds);
        }
    }

    /** Counts a finished request and its duration. */
    void request(String route, int status, double seconds) {
        requests.computeIfAbsent(route + "\u0000" + status, k -> new LongAdder()).increment();
        latency.computeIfAbsent(route, k -> new Histogram()).observe(seconds);
    }

    /** Counts a detection refused for {@code reason} (queue_full, uploads, timeout, too_large, ...). */
    void rejected(String reason) {
        rejections.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    /** Registers a gauge read when metrics are rendered. Call before serving. */
    synchronized void gauge(String name, String help, DoubleSupplier value) {
        gauges.put(name, new Gauge(help, "gauge", value));
    }

    /** Registers a counter kept elsewhere (it only grows), read when metrics are rendered. Call before serving. */
    synchronized void counter(String name, String help, java.util.function.LongSupplier value) {
        gauges.put(name, new Gauge(help, "counter", () -> value.getAsLong()));
    }

    /** Requests counted so far for a route and status (for tests and the load report). */
    long requests(String route, int status) {
        LongAdder a = requests.get(route + "\u0000" + status);
        return a == null ? 0 : a.sum();
    }

    /** The metrics in Prometheus text format. */
    synchronized String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP lvnet_http_requests_total HTTP requests answered, by route and status.\n");
        sb.append("# TYPE lvnet_http_requests_total counter\n");
        for (Map.Entry<String, LongAdder> e : new TreeMap<>(requests).entrySet()) {
            String[] k = e.getKey().split("\u0000");
            sb.append("lvnet_http_requests_total{route=\"").append(k[0]).append("\",status=\"").append(k[1]).append("\"} ")
                    .append(e.getValue().sum()).append('\n');
        }
        sb.append("# HELP lvnet_http_request_duration_seconds Time from a request's arrival to its answer, by route.\n");
        sb.append("# TYPE lvnet_http_request_duration_seconds histogram\n");
        for (Map.Entry<String, Histogram> e : new TreeMap<>(latency).entrySet()) {
            String route = e.getKey();
            Histogram h = e.getValue();
            long cumulative = 0;
            for (int i = 0; i <= BUCKETS.length; i++) {
                cumulative += h.counts[i].sum();
                String le = i < BUCKETS.length ? number(BUCKETS[i]) : "+Inf";
                sb.append("lvnet_http_request_duration_seconds_bucket{route=\"").append(route).append("\",le=\"").append(le)
                        .append("\"} ").append(cumulative).append('\n');
            }
            sb.append("lvnet_http_request_duration_seconds_sum{route=\"").append(route).append("\"} ")
                    .append(number(h.sum.sum())).append('\n');
            sb.append("lvnet_http_request_duration_seconds_count{route=\"").append(route).append("\"} ").append(cumulative)
                    .append('\n');
        }
        sb.append("# HELP lvnet_detect_rejections_total Detection requests refused before or during model work, by reason.\n");
        sb.append("# TYPE lvnet_detect_rejections_total counter\n");
        for (Map.Entry<String, LongAdder> e : new TreeMap<>(rejections).entrySet()) {
            sb.append("lvnet_detect_rejections_total{reason=\"").append(e.getKey()).append("\"} ").append(e.getValue().sum())
                    .append('\n');
        }
        List<Map.Entry<String, Gauge>> all = new ArrayList<>(gauges.entrySet());
        for (Map.Entry<String, Gauge> e : all) {
            sb.append("# HELP ").append(e.getKey()).append(' ').append(e.getValue().help()).append('\n');
            sb.append("# TYPE ").append(e.getKey()).append(' ').append(e.getValue().type()).append('\n');
            sb.append(e.getKey()).append(' ').append(number(e.getValue().value().getAsDouble())).append('\n');
        }
        return sb.toString();
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v); // Prometheus reads Java's notation, exponent included
    }
}
