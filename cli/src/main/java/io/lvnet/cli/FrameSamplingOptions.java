package io.lvnet.cli;

import io.lvnet.data.FrameSampling;
import picocli.CommandLine.Option;

/** Which frames of a video a scan looks at, as {@code detect} and the Spark scan take it: {@code --frames}, {@code --fps}. */
public final class FrameSamplingOptions {
    @Option(names = "--frames", defaultValue = "32", paramLabel = "N", description = "Evenly spaced frames per video (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--fps", paramLabel = "F", description = "Sample videos at F frames per second instead of --frames.")
    Double fps;

    /** {@code --frames}, checked: at least 1. */
    public int frames() {
        if (frames < 1) {
            throw new IllegalArgumentException("--frames must be at least 1, not " + frames);
        }
        return frames;
    }

    /** {@code --fps}, checked: positive, or null when not given. */
    public Double fps() {
        if (fps != null && !(fps > 0)) {
            throw new IllegalArgumentException("--fps must be positive, not " + fps);
        }
        return fps;
    }

    /** The sampling chosen. */
    public FrameSampling sampling() {
        return fps() != null ? FrameSampling.atRate(fps) : FrameSampling.evenly(frames());
    }
}
