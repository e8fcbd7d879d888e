package io.lvnet.serve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.sun.net.httpserver.HttpServer;
import io.lvnet.memory.PeakMemory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The lvnet HTTP service, on the JDK's built-in server:
 *
 * <ul>
 *   <li>{@code POST /v1/detect}: a multipart upload (image or video) in, the JSON of
 *       {@code lvnet detect} out ({@link DetectRoute});</li>
 *   <li>{@code GET /healthz}: 200 once the model is loaded, 503 before;</li>
 *   <li>{@code GET /v1/info}: version, model, configuration and limits;</li>
 *   <li>{@code GET /metrics}: request counts, latencies, queue depth (Prometheus text);</li>
 *   <li>{@code GET /}: a page to drop a picture or video on and see the verdict.</li>
 * </ul>
 *
 * <p>The server listens as soon as it starts, so health checks can watch the model load;
 * {@link #ready} hands it the detector. Threads: HTTP handlers, one per request in progress up to
 * the connection limit, never queued, so a health check never waits behind uploads or slow
 * clients ({@link ExchangeGuard}, which also disconnects clients whose headers, body or reading
 * of the answer are too slow); and the work pool's model workers.
 *
 * <p>The JDK server reads a few settings once per JVM, when the first server starts; unless they
 * are set already, this sets them from the first service's configuration:
 * {@code sun.net.httpserver.maxReqTime} and {@code maxRspTime} (timeout + 30 s: connections that
 * {@link ExchangeGuard} cut are forgotten by then) and {@code jdk.httpserver.maxConnections} (four
 * times the connection limit: idle keep-alive connections hold no thread, and the JDK closes them
 * after 30 s).
 *
 * <pre>{@code
 * try (LvNetModel model = LvNetModel.load(weights);
 *         DetectServer server = DetectServer.start(ServeConfig.defaults(8080), ServeLimits.defaults(), "0.1.0")) {
 *     server.ready(new ModelDetector(model, 8), ServiceInfo.model(weights, model));
 *     server.awaitStop();
 * }
 * }</pre>
 */
public final class DetectServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DetectServer.class);
    /** Connections the operating system queues before the server accepts them. */
    private static final int HTTP_BACKLOG = 256;
    /** Time beyond the request timeout to finish reading a body or writing an answer. */
    private static final long GRACE_SECONDS = 30;
    /** Open connections per request thread: idle keep-alive connections cost a socket, not a thread. */
    private static final int CONNECTIONS_PER_THREAD = 4;

    private final ServeConfig config;
    private final ServeLimits limits;
    private final String version;
    private final Metrics metrics = new Metrics();
    private final Uploads uploads;
    private final WorkPool pool;
    private final Semaphore uploadPlaces;
    private final HttpServer http;
    private final ExchangeGuard exchanges;
    private final byte[] page;
    private volatile Detector detector;
    private volatile Map<String, Object> model;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private DetectServer(ServeConfig config, ServeLimits limits, String version) throws IOException {
        this.config = config;
        this.limits = limits;
        this.version = version;
        this.page = resource("index.html");
        this.uploads = Uploads.open(config.tempDir());
        this.pool = new WorkPool(config.workers(), config.queueCapacity());
        this.uploadPlaces = new Semaphore(config.maxUploads());
        long reqSeconds = limits.requestTimeout().toSeconds() + GRACE_SECONDS;
        // read once per JVM, by the first server: see the class comment
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", Long.toString(reqSeconds));
        System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", Long.toString(reqSeconds));
        System.getProperties().putIfAbsent("jdk.httpserver.maxConnections",
                Integer.toString(CONNECTIONS_PER_THREAD * config.maxConnections()));
        exchanges = new ExchangeGuard(config.maxConnections(), limits.headerTimeout(), limits.idleTimeout(),
                Duration.ofSeconds(reqSeconds));
        registerGauges();
        try {
            http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), HTTP_BACKLOG);
        } catch (IOException e) {
            close(pool, uploads);
            exchanges.close();
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        OriginPolicy origins = new OriginPolicy(config.allowOrigins(), http.getAddress().getAddress());
        Router router = new Router(metrics, origins)
                .add("POST", "/v1/detect", new DetectRoute(() -> detector, limits, uploads, pool, uploadPlaces, metrics, origins))
                .add("GET", "/healthz", e -> health())
                .add("GET", "/v1/info", e -> Response.json(200, info()))
                .add("GET", "/metrics", e -> Response.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.render()))
                .add("GET", "/", e -> new Response(200, "text/html; charset=utf-8", page, Map.of(
                        // everything the page needs is inline or from this server: no CDN, works offline
                        "Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
                                + "style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'")));
        http.createContext("/", router).getFilters().add(exchanges.headersRead());
        http.setExecutor(exchanges);
        http.start();
    }

    /**
     * Starts listening; {@code /v1/detect} answers 503 until {@link #ready}.
     *
     * @param version the lvnet version reported by {@code /v1/info}
     * @throws IOException if the address cannot be bound or the upload directory made
     */
    public static DetectServer start(ServeConfig config, ServeLimits limits, String version) throws IOException {
        return new DetectServer(config, limits, version);
    }

    /**
     * Starts serving detections. The server closes the detector when it stops.
     *
     * @param modelInfo what {@code /v1/info} says about the model (see {@link ServiceInfo#model})
     */
    public void ready(Detector detector, Map<String, Object> modelInfo) {
        this.model = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modelInfo));
        this.detector = detector;
    }

    /** Whether the model is loaded. */
    public boolean isReady() {
        return detector != null;
    }

    /** The bound address (the actual port when 0 was asked for). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** The base URI, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    /** The directory uploads pass through. */
    public Path uploadDirectory() {
        return uploads.dir();
    }

    /** Upload files present now (0 whenever no request is in progress). */
    public long uploadsOnDisk() {
        try {
            return uploads.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The metrics as {@code GET /metrics} renders them. */
    public String metricsText() {
        return metrics.render();
    }

    /** Blocks until {@link #close} is called (from another thread or a shutdown hook). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    private Response health() {
        return isReady() ? Response.json(200, Map.of("status", "ok"))
                : Response.json(503, Map.of("status", "loading")).withHeader("Retry-After", "5");
    }

    private Map<String, Object> info() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lvnet", version);
        out.put("ready", isReady());
        out.put("model", model);
        out.put("config", ServiceInfo.config(config));
        out.put("limits", ServiceInfo.limits(limits));
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("threshold", 0.5);
        defaults.put("frames", Math.min(DetectOptions.DEFAULT_FRAMES, limits.maxFrames()));
        defaults.put("largest", false);
        defaults.put("face", "detect");
        defaults.put("overlays", false);
        out.put("defaults", defaults);
        out.put("endpoints", java.util.List.of("POST /v1/detect", "GET /healthz", "GET /v1/info", "GET /metrics", "GET /"));
        return out;
    }

    private void registerGauges() {
        metrics.gauge("lvnet_model_ready", "1 once the model is loaded.", () -> isReady() ? 1 : 0);
        metrics.gauge("lvnet_detect_workers", "Model worker threads.", pool::workers);
        metrics.gauge("lvnet_detect_queue_capacity", "Detection requests that may wait for a worker.", pool::capacity);
        metrics.gauge("lvnet_detect_queue_depth", "Detection requests waiting for a worker.", pool::queued);
        metrics.gauge("lvnet_detect_jobs_running", "Detection requests being scanned (abandoned ones included).", pool::running);
        metrics.gauge("lvnet_detect_jobs_abandoned", "Scans whose request timed out, still holding their worker until "
                + "the native code they are in returns.", pool::abandoned);
        metrics.gauge("lvnet_uploads_in_progress", "Detection requests between arrival and answer.",
                () -> config.maxUploads() - uploadPlaces.availablePermits());
        metrics.gauge("lvnet_uploads_limit", "Detection requests that may be in progress at once.", config::maxUploads);
        metrics.gauge("lvnet_http_requests_in_progress", "Requests being read, handled or answered, each on its own thread.",
                exchanges::busy);
        metrics.gauge("lvnet_http_requests_limit", "Requests that may be in progress at once.", exchanges::limit);
        metrics.counter("lvnet_http_slow_headers_total", "Connections closed because their headers took longer than "
                + "the header timeout.", exchanges::slowHeaders);
        metrics.counter("lvnet_http_idle_total", "Connections closed because their body stopped arriving, or their answer "
                + "stopped being taken, for longer than the idle timeout.", exchanges::idle);
        metrics.counter("lvnet_http_stalled_total", "Connections closed because their request was not read or answered "
                + "within the timeout and its grace.", exchanges::stalled);
        metrics.counter("lvnet_http_refused_total", "Connections closed because every request thread was busy.",
                exchanges::refused);
        metrics.gauge("lvnet_jvm_heap_used_bytes", "Java heap in use.", () -> {
            Runtime r = Runtime.getRuntime();
            return r.totalMemory() - r.freeMemory();
        });
        metrics.gauge("lvnet_process_peak_resident_bytes", "Peak resident memory, native (libtorch, OpenCV) included.",
                () -> Math.max(0, PeakMemory.peakRssMb()) * 1024.0 * 1024.0);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DetectServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource io/lvnet/serve/" + name);
            }
            return in.readAllBytes();
        }
    }

    /** Stops listening, interrupts running scans, deletes leftover uploads and closes the detector; once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop(0);
        exchanges.close();
        close(pool, uploads);
        Detector d = detector;
        detector = null;
        if (d != null) {
            d.close();
        }
        stopped.countDown();
    }

    private static void close(WorkPool pool, Uploads uploads) {
        pool.close();
        try {
            uploads.close();
        } catch (IOException e) {
            LOG.warn("cannot clean {}: {}", uploads.dir(), e.getMessage());
        }
    }
}
