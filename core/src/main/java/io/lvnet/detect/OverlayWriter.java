package io.lvnet.detect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the pictures of a scan into a folder: a heatmap overlay for every face of an image;
 * for a video, the overlay of its most suspicious face, of each person's most suspicious face, and
 * its score-over-time chart (a line per person). Names
 * start with the file's position in the scan, so files of the same name do not collide.
 */
public final class OverlayWriter implements FileScanner.FaceSink {
    private final Path dir;
    private final float threshold;
    private final Map<Path, Integer> order = new HashMap<>();
    private final Map<Path, Best> bestOfVideo = new HashMap<>();

    private record Best(int frame, int face, byte[] rgb, int size, FaceResult result) {
    }

    /** A writer for a scan of {@code files}, in that order. */
    public OverlayWriter(Path dir, float threshold, java.util.List<Path> files) {
        this.dir = dir;
        this.threshold = threshold;
        for (int i = 0; i < files.size(); i++) {
            order.putIfAbsent(files.get(i), i);
        }
    }

    private String stem(Path file) {
        int n = order.getOrDefault(file, order.size());
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return String.format("%04d_%s", n, (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    @Override
    public void accept(Path file, int frame, int face, byte[] rgb, int size, FaceResult result) throws IOException {
        if (frame < 0) {
            HeatmapOverlay.write(dir.resolve(stem(file) + "_face" + face + ".png"), rgb, size, result.patchMap(),
                    result.fakeProbability(), threshold);
            return;
        }
        Best best = bestOfVideo.get(file);
        if (best == null || result.fakeProbability() > best.result().fakeProbability()) {
            bestOfVideo.put(file, new Best(frame, face, rgb, size, result));
        }
    }

    /** A heatmap of each person's most suspicious face: {@code NNNN_STEM_personP.png}, P counted from 1. */
    @Override
    public void person(Path file, PersonResult person, byte[] rgb, int size, FaceResult face) throws IOException {
        HeatmapOverlay.write(dir.resolve(stem(file) + "_person" + (person.person() + 1) + ".png"), rgb, size, face.patchMap(),
                face.fakeProbability(), threshold);
    }

    /** Writes what a video leaves once it is scanned. */
    public void finish(Path file, FileResult result) throws IOException {
        Best best = bestOfVideo.remove(file);
        if (best != null) {
            HeatmapOverlay.write(dir.resolve(stem(file) + "_frame" + best.frame() + "_face" + best.face() + ".png"),
                    best.rgb(), best.size(), best.result().patchMap(), best.result().fakeProbability(), threshold);
        }
        if (result.frames() != null && !result.failed()) {
            Timeline.write(dir.resolve(stem(file) + "_timeline.png"), file.getFileName().toString(), result, threshold);
        }
    }
}
