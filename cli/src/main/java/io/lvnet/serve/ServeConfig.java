package io.lvnet.serve;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the service listens and how much work it takes on at once.
 *
 * @param host address to bind ({@code 127.0.0.1} keeps the service local)
 * @param port TCP port, 0 for any free one
 * @param workers threads that run the model, each on one request at a time
 * @param queueCapacity requests that may wait for a worker; one more is refused with 503
 * @param maxUploads requests that may be uploading or waiting at once (bounds threads and
 *     temporary disk space: at most this many upload files exist); one more is refused with 503
 * @param batch faces per forward pass
 * @param tempDir where uploads are kept while they are scanned, or null for a new private
 *     directory under the system's temporary directory (removed when the service stops)
 * @param maxConnections requests handled at once, each on its own thread (health checks and
 *     refusals included; slow clients are cut by the header, idle and request deadlines); open
 *     connections, idle ones included, may be four times as many (the JDK server's limit, set once
 *     per JVM, see {@link DetectServer})
 * @param allowOrigins web origins besides the service's own (e.g. {@code https://app.example}) whose
 *     pages may post detections; a browser request from any other origin is refused with 403
 */
public record ServeConfig(String host, int port, int workers, int queueCapacity, int maxUploads, int batch, Path tempDir,
        int maxConnections, List<String> allowOrigins) {
    /** Port when none is given. */
    public static final int DEFAULT_PORT = 8080;
    /** Requests handled at once when not told otherwise (more where uploads alone may take more). */
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    /** Connections beyond upload places that the default connection limit keeps for everything else. */
    private static final int SPARE_CONNECTIONS = 32;

    /** These settings with the default connection limit ({@link #defaultMaxConnections}) and no other allowed origin. */
    public ServeConfig(String host, int port, int workers, int queueCapacity, int maxUploads, int batch, Path tempDir) {
        this(host, port, workers, queueCapacity, maxUploads, batch, tempDir, defaultMaxConnections(maxUploads), List.of());
    }

    /** {@link #DEFAULT_MAX_CONNECTIONS}, or more where the upload places alone would take most of it. */
    public static int defaultMaxConnections(int maxUploads) {
        return Math.max(DEFAULT_MAX_CONNECTIONS, maxUploads + SPARE_CONNECTIONS);
    }

    /** Rejects impossible settings. */
    public ServeConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (workers < 1 || queueCapacity < 0 || maxUploads < 1 || batch < 1) {
            throw new IllegalArgumentException("workers, uploads and batch must be at least 1 and the queue at least 0, got "
                    + workers + " workers, queue " + queueCapacity + ", " + maxUploads + " uploads, batch " + batch);
        }
        if (maxConnections < maxUploads + 1) {
            throw new IllegalArgumentException("connections must exceed uploads (" + maxUploads + ") so that health checks get "
                    + "through, got " + maxConnections);
        }
        allowOrigins = allowOrigins == null ? List.of() : allowOrigins.stream().map(OriginPolicy::normalise).toList();
    }

    /**
     * Loopback on {@code port}, one worker per core, a queue of two requests per worker, twice
     * as many uploads as workers and queue together, batch 8.
     */
    public static ServeConfig defaults(int port) {
        return sized("127.0.0.1", port, Runtime.getRuntime().availableProcessors());
    }

    /** {@link #defaults} with this host and number of workers. */
    public static ServeConfig sized(String host, int port, int workers) {
        int queue = 2 * workers;
        return new ServeConfig(host, port, workers, queue, 2 * (workers + queue), 8, null);
    }

    /** This configuration with another queue capacity. */
    public ServeConfig withQueueCapacity(int capacity) {
        return new ServeConfig(host, port, workers, capacity, maxUploads, batch, tempDir, maxConnections, allowOrigins);
    }

    /** This configuration with another upload limit. */
    public ServeConfig withMaxUploads(int uploads) {
        return new ServeConfig(host, port, workers, queueCapacity, uploads, batch, tempDir, maxConnections, allowOrigins);
    }

    /** This configuration with another temporary directory. */
    public ServeConfig withTempDir(Path dir) {
        return new ServeConfig(host, port, workers, queueCapacity, maxUploads, batch, dir, maxConnections, allowOrigins);
    }

    /** This configuration with another batch size. */
    public ServeConfig withBatch(int faces) {
        return new ServeConfig(host, port, workers, queueCapacity, maxUploads, faces, tempDir, maxConnections, allowOrigins);
    }

    /** This configuration with another connection limit. */
    public ServeConfig withMaxConnections(int connections) {
        return new ServeConfig(host, port, workers, queueCapacity, maxUploads, batch, tempDir, connections, allowOrigins);
    }

    /**
     * This configuration with other allowed origins.
     *
     * @throws IllegalArgumentException for an origin that is not {@code scheme://host[:port]}
     */
    public ServeConfig withAllowOrigins(List<String> origins) {
        return new ServeConfig(host, port, workers, queueCapacity, maxUploads, batch, tempDir, maxConnections, origins);
    }
}
