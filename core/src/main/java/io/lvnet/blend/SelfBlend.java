package io.lvnet.blend;







import io.lvnet.data.FaceBox;
import io.lvnet.data.Raster;

/**
 * Self-blended images (SBI, Shiohara and Yamasaki, CVPR 2022): a fake made from a single real
 * face by blending a transformed copy of the face into itself inside a randomised face-shaped
 * mask. The copy differs in colour, sharpness and a little in position and scale, so the result
 * shows the generic traces of blending (seams, colour and frequency mismatch, slight
 * misalignment) without any particular manipulation's fingerprint. This is how training data
 * comes from real faces alone.
 *
 * <p>The real face is the blend's target and stays untouched outside the mask, so the ground
 * truth is exact: the mask ({@link ForgeryMask}) marks the pixels the blend changed.
 */
public final class SelfBlend {
    private static final double[] RATIOS = {0.25, 0.5, 0.75, 1, 1, 1};

    private SelfBlend() {
    }

    /**
     * Blends a face with a transformed copy of itself.
     *
     * @param real the real face crop (BGR)
     * @param box where the face is in the crop
     * @param rng this image's stream
     * @return the fake (equal to {@code real} wherever the weight is 0) and the blend weight
     */
    public static Forgery blend(Raster real, FaceBox box, Rng rng) {
        Raster source = transformed(real, box, rng);
        float[] w = faceMask(real.width(), real.height(), box, rng);
        double ratio = RATIOS[rng.nextInt(RATIOS.length)];
        if (ratio < 1) {
            for (int i = 0; i < w.length; i++) {
                w[i] *= (float) ratio;
            }
        }
        return new Forgery(Blend.blend(real, source, w), w, null);
    }

    /** The copy: colour, brightness and contrast changed, blurred or sharpened, moved and scaled a little. */
    static Raster transformed(Raster real, FaceBox box, Rng rng) {
        Raster out = SourceTransforms.colour(real, rng, true, true);
        double frequency = rng.uniform(0, 1);
        if (frequency < 0.5) {
            out = Blend.resample(out, rng.uniform(0.3, 0.7));
        } else if (frequency < 0.75) {
            out = SourceTransforms.sharpened(out, rng.uniform(0.4, 1.0));
        }
        return SourceTransforms.shiftScale(out, box, rng);
    }

    /**
     * A randomised face-shaped blend weight: an oval over the face box that narrows towards
     * the chin, with its radius wobbling around the face, grown or shrunk, and feathered.
     */
    static float[] faceMask(int width, int height, FaceBox box, Rng rng) {
        double[][] poly = SelfBlendRegions.faceOval(box, rng);
        return Blend.weight(width, height, poly, rng.uniform(-0.05, 0.05) * box.width(),
                rng.uniform(0.02, 0.08) * box.width());
    }
}
