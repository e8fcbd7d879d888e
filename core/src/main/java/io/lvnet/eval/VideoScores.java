package io.lvnet.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Video-level scores from frame-level ones, as the field reports them: the mean frame score of
 * each video, or (as SBI does) the highest face score of each frame averaged over frames.
 */
public final class VideoScores {
    /** One scored face: which video and frame it came from, its score and its video's label. */
    public record Face(String video, int frame, double score, int label) {
    }

    private VideoScores() {
    }

    /** Mean over the video's faces. */
    public static BinaryMetrics meanOfFrames(Iterable<Face> faces) {
        Map<String, double[]> acc = new LinkedHashMap<>();
        Map<String, Integer> label = new LinkedHashMap<>();
        for (Face f : faces) {
            double[] a = acc.computeIfAbsent(f.video(), v -> new double[2]);
            a[0] += f.score();
            a[1]++;
            label.put(f.video(), f.label());
        }
        return metrics(acc, label);
    }

    /** Highest face score per frame, then the mean over the video's frames. */
    public static BinaryMetrics meanOfFrameMaxima(Iterable<Face> faces) {
        Map<String, Map<Integer, Double>> maxima = new LinkedHashMap<>();
        Map<String, Integer> label = new LinkedHashMap<>();
        for (Face f : faces) {
            maxima.computeIfAbsent(f.video(), v -> new LinkedHashMap<>()).merge(f.frame(), f.score(), Math::max);
            label.put(f.video(), f.label());
        }
        Map<String, double[]> acc = new LinkedHashMap<>();
        maxima.forEach((video, frames) -> {
            double[] a = acc.computeIfAbsent(video, v -> new double[2]);
            frames.values().forEach(s -> {
                a[0] += s;
                a[1]++;
            });
        });
        return metrics(acc, label);
    }

    private static BinaryMetrics metrics(Map<String, double[]> acc, Map<String, Integer> label) {
        double[] scores = new double[acc.size()];
        int[] labels = new int[acc.size()];
        int i = 0;
        for (Map.Entry<String, double[]> e : acc.entrySet()) {
            scores[i] = e.getValue()[0] / e.getValue()[1];
            labels[i++] = label.get(e.getKey());
        }
        return new BinaryMetrics(scores, labels);
    }
}
