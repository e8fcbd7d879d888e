package io.lvnet.synth;

import io.lvnet.data.FrameRecord;
import java.util.List;

/**
 * What a synthetic run produced.
 *
 * @param frames the index records, in index order
 * @param shortcut how well trivial global-statistics classifiers separate real from fake
 * @param cascadeFrames real frames the OpenCV face cascade was run on
 * @param cascadeHits those where it found the rendered face (IoU at least 0.3 with the true box)
 * @param seconds wall-clock time
 */
public record SynthSummary(List<FrameRecord> frames, ShortcutCheck.Result shortcut, int cascadeFrames, int cascadeHits,
        double seconds) {

    /** The share of real frames in which the face cascade found the face. */
    public double cascadeRate() {
        return cascadeFrames == 0 ? 0 : (double) cascadeHits / cascadeFrames;
    }

    /** Frame images written per second. */
    public double framesPerSecond() {
        return frames.size() / Math.max(1e-9, seconds);
    }
}
