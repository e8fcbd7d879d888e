package io.lvnet.serve;

import io.lvnet.detect.FaceResult;
import io.lvnet.detect.FileScanner;
import io.lvnet.detect.HeatmapOverlay;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Draws the heatmap overlays of one scan in memory, choosing as {@code lvnet detect --out}
 * does: every face of an image, the most suspicious face of a video. One per request.
 */
final class OverlayCollector implements FileScanner.FaceSink {
    private final float threshold;
    private final List<DetectionResult.Overlay> imageFaces = new ArrayList<>();
    private Best best;

    private record Best(int frame, int face, byte[] rgb, int size, FaceResult result) {
    }

    OverlayCollector(float threshold) {
        this.threshold = threshold;
    }

    @Override
    public void accept(Path file, int frame, int face, byte[] rgb, int size, FaceResult result) {
        if (frame < 0) {
            imageFaces.add(overlay(null, face, rgb, size, result));
        } else if (best == null || result.fakeProbability() > best.result().fakeProbability()) {
            best = new Best(frame, face, rgb, size, result); // drawn once, at the end
        }
    }

    /** The overlays drawn. */
    List<DetectionResult.Overlay> overlays() {
        if (best == null) {
            return List.copyOf(imageFaces);
        }
        return List.of(overlay(best.frame(), best.face(), best.rgb(), best.size(), best.result()));
    }

    private DetectionResult.Overlay overlay(Integer frame, int face, byte[] rgb, int size, FaceResult r) {
        byte[] png = HeatmapOverlay.png(rgb, size, r.patchMap(), r.fakeProbability(), threshold);
        return new DetectionResult.Overlay(frame, face, r.fakeProbability(), Base64.getEncoder().encodeToString(png));
    }
}
