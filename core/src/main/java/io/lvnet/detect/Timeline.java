package io.lvnet.detect;

import io.lvnet.eval.Charts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A video's fake probability over time, frame by frame, as a PNG. */
public final class Timeline {
    private Timeline() {
    }

    /**
     * Writes the chart of a video with several people: one line per person (their faces'
     * probabilities), and the threshold. With one person or none, as {@link #write(Path, String, List, float)}.
     */
    public static void write(Path png, String title, FileResult video, float threshold) throws IOException {
        if (video.people() == null || video.people().size() < 2) {
            write(png, title, video.frames(), threshold);
            return;
        }
        double[] t = video.frames().stream().mapToDouble(FrameResult::timeSeconds).toArray();
        Map<String, double[]> series = new LinkedHashMap<>();
        for (PersonResult p : video.people()) {
            double[] line = new double[t.length];
            java.util.Arrays.fill(line, Double.NaN); // gaps where the person is not seen
            for (PersonResult.Sighting s : p.timeline()) {
                for (int i = 0; i < t.length; i++) {
                    if (video.frames().get(i).index() == s.frame()) {
                        line[i] = s.fakeProbability();
                    }
                }
            }
            series.put("person " + p.person() + " (" + p.verdict().label() + ")", line);
        }
        double[] line = new double[t.length];
        java.util.Arrays.fill(line, threshold);
        series.put("threshold", line);
        Charts.installed().lines(png, title, "time (s)", "fake probability", t, series, 0.0, 1.0);
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
        Charts.installed().lines(png, title, "time (s)", "fake probability", t, series, 0.0, 1.0);
    }
}
