package io.lvnet.cli;

import io.lvnet.provenance.Provenance;
import io.lvnet.data.FaceDetectorChoice;
import io.lvnet.detect.LvNetModel;
import io.lvnet.serve.DetectServer;
import io.lvnet.serve.EngineThreads;
import io.lvnet.serve.ModelDetector;
import io.lvnet.serve.ServeConfig;
import io.lvnet.serve.ServeLimits;
import io.lvnet.serve.ServiceInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import io.lvnet.regions.RegionSource;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lvnet serve}: the detector as an HTTP service. */
@Command(name = "serve", header = "Serve detection over HTTP: an API, a web page, health and metrics.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Serve the detector over HTTP. POST /v1/detect takes a multipart upload (image or video) and",
            "answers with the JSON of 'lvnet detect' (query: threshold, frames, largest, face=none, overlays);",
            "GET / is a page to drop a file on; GET /healthz is 200 once the model is loaded; GET /v1/info",
            "describes model and limits; GET /metrics has request counts, latencies and queue depth.",
            "Example: curl -F file=@photo.jpg 'http://127.0.0.1:8080/v1/detect?overlays=true'",
            "Stops on Ctrl-C (SIGTERM): running scans are interrupted, uploads deleted."})
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    WeightsOptions weights;

    @Mixin
    PrecisionOption precision;

    @Mixin
    FaceDetectorOptions detector;

    @Mixin
    RegionOptions regions;

    @Mixin
    AlignOption align;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "TCP port (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Option(names = "--workers", paramLabel = "N", description = "Threads running the model (default: one per core).")
    Integer workers;

    @Option(names = "--queue", paramLabel = "N",
            description = "Requests that may wait for a worker; more are refused with 503 (default: 2 per worker).")
    Integer queue;

    @Option(names = "--max-uploads", paramLabel = "N",
            description = "Detection requests in progress at once, uploads included (default: 2 x (workers + queue)).")
    Integer maxUploads;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads each model call computes with (default: cores / workers, at least 1).")
    Integer threads;

    @Option(names = "--batch", defaultValue = "8", paramLabel = "N", description = "Faces per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    OperatingPointOption operatingPoint;

    @Option(names = "--max-upload-mb", defaultValue = "100", paramLabel = "MB", description = "Largest upload in MiB (default: ${DEFAULT-VALUE}).")
    double maxUploadMb;

    @Option(names = "--max-video-seconds", defaultValue = "120", paramLabel = "S",
            description = "Longest video, from its container and then from every decoded frame's timestamp (default: "
                    + "${DEFAULT-VALUE}).")
    double maxVideoSeconds;

    @Option(names = "--max-megapixels", defaultValue = "40", paramLabel = "MP",
            description = "Largest image or video frame in megapixels, from the file's header and then from every decoded "
                    + "frame (default: ${DEFAULT-VALUE}).")
    double maxMegapixels;

    @Option(names = "--max-frames", defaultValue = "64", paramLabel = "N", description = "Most video frames a request may ask for (default: ${DEFAULT-VALUE}).")
    int maxFrames;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "S",
            description = "Seconds from a request's arrival to its answer, upload included; then 504 (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Option(names = "--header-timeout", defaultValue = "10", paramLabel = "S",
            description = "Seconds from a request's first byte to the end of its headers; a client still sending them is "
                    + "disconnected (default: ${DEFAULT-VALUE}).")
    double headerTimeout;

    @Option(names = "--idle-timeout", defaultValue = "30", paramLabel = "S",
            description = "Longest wait, in seconds, for the next bytes of an upload or for the client to take more of the "
                    + "answer; a client that sends or takes nothing for longer is disconnected (default: ${DEFAULT-VALUE}).")
    double idleTimeout;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Requests handled at once, each on its own thread; more connections are closed (default: 256, "
                    + "or uploads + 32 where that is more).")
    Integer maxConnections;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN", split = ",",
            description = "A web origin (scheme://host[:port]) whose pages may post detections and read the answers. "
                    + "Browser requests from other origins are refused with 403; programs that send no Origin are not "
                    + "affected. Repeatable.")
    List<String> allowOrigins;

    @Option(names = "--temp-dir", paramLabel = "DIR",
            description = "Where uploads wait while they are scanned (default: a new private directory, removed on exit). "
                    + "Upload files left there by a killed service are removed at start.")
    Path tempDir;

    @Override
    public Integer call() throws Exception {
        int w = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        if (w < 1 || (queue != null && queue < 0) || (maxUploads != null && maxUploads < 1) || batch < 1
                || (threads != null && threads < 1)) {
            throw new IllegalArgumentException("--workers, --threads, --max-uploads and --batch must be at least 1, --queue at least 0");
        }
        if (!(maxUploadMb > 0) || !(maxVideoSeconds > 0) || !(maxMegapixels > 0) || maxFrames < 1 || !(timeout > 0)
                || !(headerTimeout > 0) || !(idleTimeout > 0)) {
            throw new IllegalArgumentException("--max-upload-mb, --max-video-seconds, --max-megapixels, --max-frames, --timeout, "
                    + "--header-timeout and --idle-timeout must be positive");
        }
        int q = queue != null ? queue : 2 * w;
        int uploads = maxUploads != null ? maxUploads : 2 * (w + q);
        ServeConfig config = new ServeConfig(host, port, w, q, uploads, batch, tempDir,
                maxConnections != null ? maxConnections : ServeConfig.defaultMaxConnections(uploads),
                allowOrigins == null ? List.of() : allowOrigins);
        ServeLimits limits = new ServeLimits((long) (maxUploadMb * (1 << 20)), maxVideoSeconds, (long) (maxMegapixels * 1e6),
                maxFrames, Duration.ofMillis((long) (timeout * 1000)), Duration.ofMillis((long) (headerTimeout * 1000)),
                Duration.ofMillis((long) (idleTimeout * 1000)));
        io.lvnet.calibrate.OperatingPoint point = operatingPoint.point();
        FaceDetectorChoice faces = detector.choice();
        RegionSource regionSource = regions.source();
        try (DetectServer server = DetectServer.start(config, limits, LvnetCommand.version())) {
            System.err.println("lvnet serve: listening on " + server.uri() + ", loading " + weights.weights + " ...");
            try (LvNetModel model = precision.apply(weights.load())) {
                int t = threads != null ? threads : EngineThreads.perWorker(w);
                EngineThreads.use(t); // before the first model call: the workers pick it up
                Provenance.Weights identity = Provenance.Weights.of(weights.weights, true);
                ModelDetector scanner = new ModelDetector(model, batch, faces, regions.open(regionSource)).withProvenance(identity);
                if (point != null) {
                    scanner.withOperatingPoint(point);
                }
                if (align.align()) {
                    scanner.withAlignment(regions.aligner());
                }
                server.ready(scanner,
                        ServiceInfo.modelOf(identity, model));
                // Ctrl-C / SIGTERM: stop taking requests, interrupt scans, delete uploads
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "lvnet-serve-stop"));
                System.err.printf(Locale.ROOT, "lvnet serve: ready: %s (%d px), %d workers x %d threads, queue %d, uploads up to "
                        + "%.0f MiB, timeout %.0f s. Open %s in a browser.%n", weights.weights.getFileName(), model.config().inputSize(), w,
                        t, q, maxUploadMb, timeout, server.uri());
                server.awaitStop();
            }
        }
        return 0;
    }
}
