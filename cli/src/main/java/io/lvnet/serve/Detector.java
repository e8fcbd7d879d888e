package io.lvnet.serve;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The model work behind {@code POST /v1/detect}: one uploaded file in, its verdict out. Called
 * on the service's worker threads, several at once; an interrupted call should stop early.
 */
public interface Detector extends AutoCloseable {
    /**
     * Scans one file.
     *
     * @param file the upload (its extension says image or video)
     * @param name the client's name for the file, reported in place of the server's path
     * @param options what the client asked for
     */
    DetectionResult detect(Path file, String name, DetectOptions options) throws IOException;

    /** Frees what the detector holds (not the model, which its creator owns). */
    @Override
    default void close() {
    }
}
