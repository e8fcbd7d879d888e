package io.lvnet.detect;

import io.lvnet.eval.Plots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A video's fake probability over time, frame by frame, as a PNG. */
public final class Timeline {
    private Timeline() {
    }

    /** Writes the chart; frames without faces are left out. */
    public static void write(Path png, String title, List<FrameResult> frames, float threshold) throws IOException {
        List<FrameResult> scored = frames.stream().filter(f -> f.fakeProbability() != null).toList();
        if (scored.isEmpty()) {
            return;
        }
        double[] t = scored.stream().mapToDouble(FrameResult::timeSeconds).toArray();
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("fake probability (most suspicious face)", scored.stream().mapToDouble(FrameResult::fakeProbability).toArray());
        double[] line = new double[t.length];
        java.util.Arrays.fill(line, threshold);
        series.put("threshold", line);
        Plots.lines(png, title, "time (s)", "fake probability", t, series, 0.0, 1.0);
    }
}
