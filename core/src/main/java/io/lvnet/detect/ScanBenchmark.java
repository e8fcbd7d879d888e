package io.lvnet.detect;

import io.lvnet.data.FaceFinder;

import io.lvnet.progress.ProgressListener;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lvnet.data.FrameSampling;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How long scanning whole files takes, and which share of it goes to measuring face quality and
 * to linking faces into people: the work beside the network that every scan now does.
 */
public final class ScanBenchmark {
    private ScanBenchmark() {
    }

    /**
     * @param files files scanned per pass
     * @param faces faces scored in a pass
     * @param seconds wall time of the timed passes
     * @param qualitySeconds of which measuring face quality
     * @param trackingSeconds of which linking faces into people (appearance signatures included)
     */
    public record Result(@JsonProperty("files") int files, @JsonProperty("faces") int faces,
            @JsonProperty("seconds") double seconds, @JsonProperty("quality_seconds") double qualitySeconds,
            @JsonProperty("tracking_seconds") double trackingSeconds) {

        @JsonProperty("quality_share")
        public double qualityShare() {
            return qualitySeconds / seconds;
        }

        @JsonProperty("tracking_share")
        public double trackingShare() {
            return trackingSeconds / seconds;
        }
    }

    /**
     * Scans {@code files} once untimed, then {@code passes} times timed.
     *
     * @param finder finds the faces (closed by the caller)
     * @param frames evenly spaced frames per video
     */
    public static Result run(LvNetModel model, FaceFinder finder, List<Path> files, int frames, int batch, int passes,
            ProgressListener progress) throws IOException {
        FileScanner warm = new FileScanner(model, finder, FrameSampling.evenly(frames), batch, null);
        warm.scan(files, ProgressListener.NONE);
        FileScanner scanner = new FileScanner(model, finder, FrameSampling.evenly(frames), batch, null);
        int faces = 0;
        long start = System.nanoTime();
        for (int p = 0; p < passes; p++) {
            faces = 0;
            for (FileResult r : scanner.scan(files, ProgressListener.NONE)) {
                if (r.failed()) {
                    throw new IOException(r.error());
                }
                faces += r.faces().size() + (r.frames() == null ? 0 : r.frames().stream().mapToInt(f -> f.faces().size()).sum());
            }
            progress.advance(1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(files.size(), faces, seconds, scanner.qualitySeconds(), scanner.trackingSeconds());
    }
}
