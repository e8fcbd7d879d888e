package io.lvnet.synth;

import io.lvnet.data.FrameRecord;
import java.util.List;

/**
 * What a synthetic run produced.
 *
 * @param frames the index records, in index order
 * @param shortcut how well trivial global-statistics classifiers separate real from fake
 * @param detector the face detector checked ({@link io.lvnet.data.FaceDetectorChoice#describe()}): the default one,
 *     which {@code lvnet detect} and {@code lvnet prepare} use
 * @param detectorFrames real frames the face detector was run on
 * @param detectorHits those where it found the rendered face (IoU at least 0.3 with the true box)
 * @param seconds wall-clock time
 */
public record SynthSummary(List<FrameRecord> frames, ShortcutCheck.Result shortcut, String detector, int detectorFrames,
        int detectorHits, double seconds) {

    /** The share of real frames in which the face detector found the face. */
    public double detectorRate() {
        return detectorFrames == 0 ? 0 : (double) detectorHits / detectorFrames;
    }

    /** Frame images written per second. */
    public double framesPerSecond() {
        return frames.size() / Math.max(1e-9, seconds);
    }
}
