package io.lvnet.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@code POST /v1/detect}: takes an upload through every limit, then hands it to the work pool
 * and waits for the verdict within the request's time.
 *
 * <ol>
 *   <li>not from a web page of another origin (403, see {@link OriginPolicy}), model loaded (else
 *       503), options valid (400), multipart (400), declared size within the limit (413), a free
 *       upload place (503);</li>
 *   <li>the file streams into the upload directory under a random name (413 past the limit, 408
 *       when the body is still arriving at the deadline);</li>
 *   <li>its bytes say image or video (415), its header sizes and length are within the limits
 *       (422);</li>
 *   <li>a place in the work queue (503 with Retry-After), the scan within what is left of the
 *       timeout (504; the scan is interrupted), a readable file whose decoded frames stay within
 *       the limits (422).</li>
 * </ol>
 *
 * The upload is deleted in every case once the answer is ready.
 */
final class DetectRoute implements Router.Route {
    private final Supplier<Detector> detector;
    private final ServeLimits limits;
    private final Uploads uploads;
    private final WorkPool pool;
    private final Semaphore uploadPlaces;
    private final Metrics metrics;
    private final OriginPolicy origins;

    DetectRoute(Supplier<Detector> detector, ServeLimits limits, Uploads uploads, WorkPool pool, Semaphore uploadPlaces,
            Metrics metrics, OriginPolicy origins) {
        this.origins = origins;
        this.detector = detector;
        this.limits = limits;
        this.uploads = uploads;
        this.pool = pool;
        this.uploadPlaces = uploadPlaces;
        this.metrics = metrics;
    }

    @Override
    public Response handle(HttpExchange exchange) throws IOException {
        long deadline = System.nanoTime() + limits.requestTimeout().toNanos();
        try {
            return detect(exchange, deadline);
        } catch (ApiException e) {
            metrics.rejected(reason(e.status()));
            throw e;
        }
    }

    private Response detect(HttpExchange exchange, long deadline) throws IOException {
        origins.check(exchange.getRequestHeaders()); // before anything costs work
        Detector d = detector.get();
        if (d == null) {
            throw new ApiException(503, "the model is still loading; retry shortly", 5);
        }
        DetectOptions options = DetectOptions.parse(exchange.getRequestURI().getRawQuery(), limits);
        String boundary = MultipartReceiver.boundary(exchange.getRequestHeaders().getFirst("Content-Type"));
        long declared = contentLength(exchange);
        if (declared > limits.maxUploadBytes() + MultipartReceiver.BODY_ALLOWANCE) {
            throw new ApiException(413, "upload of " + declared + " bytes is larger than the limit of "
                    + limits.maxUploadBytes() + " bytes");
        }
        if (!uploadPlaces.tryAcquire()) {
            throw new ApiException(503, "busy: too many uploads in progress; retry later", pool.retryAfterSeconds());
        }
        Path file = null;
        try {
            MultipartReceiver.Upload upload = MultipartReceiver.receive(exchange.getRequestBody(), boundary, uploads.dir(),
                    limits.maxUploadBytes(), deadline);
            file = upload.file();
            MediaInspector.Media media = MediaInspector.inspect(file, limits);
            file = uploads.withExtension(file, media.extension());
            Path scanned = file;
            WorkPool.Job<DetectionResult> job = pool.submit(() -> d.detect(scanned, upload.filename(), options));
            DetectionResult result = await(job, deadline);
            if (result.file().failed()) {
                throw new ApiException(422, result.file().error());
            }
            return Response.json(200, result);
        } finally {
            Uploads.delete(file);
            uploadPlaces.release();
        }
    }

    private DetectionResult await(WorkPool.Job<DetectionResult> job, long deadline) throws IOException {
        try {
            return job.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            job.abandon(); // interrupts the scan, which stops between frames and batches, keeping its worker till then
            throw new ApiException(504, "no answer within the time limit of " + limits.requestTimeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            job.abandon();
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the service is shutting down");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ApiException a) {
                throw a;
            }
            if (cause instanceof InterruptedIOException) {
                throw new ApiException(503, "the service is shutting down");
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static long contentLength(HttpExchange exchange) {
        String v = exchange.getRequestHeaders().getFirst("Content-Length");
        if (v == null) {
            return -1; // chunked: the limit applies while it streams
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("malformed Content-Length");
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 403 -> "forbidden";
            case 408 -> "slow_upload";
            case 413 -> "too_large";
            case 415 -> "not_media";
            case 422 -> "unprocessable";
            case 503 -> "busy";
            case 504 -> "timeout";
            default -> "other";
        };
    }
}
