package io.lvnet.synth;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import io.lvnet.data.FaceBox;
import io.lvnet.data.Raster;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

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
        double gain = rng.uniform(0.85, 1.15);
        double offset = rng.uniform(-15, 15);
        double[] gains = new double[3];
        double[] offsets = new double[3];
        for (int c = 0; c < 3; c++) {
            gains[c] = gain * rng.uniform(0.93, 1.07);
            offsets[c] = offset + rng.uniform(-18, 18);
        }
        Raster out = Blend.colour(real, gains, offsets);
        double frequency = rng.uniform(0, 1);
        if (frequency < 0.5) {
            out = Blend.resample(out, rng.uniform(0.3, 0.7));
        } else if (frequency < 0.75) {
            out = sharpened(out, rng.uniform(0.4, 1.0));
        }
        double scale = rng.uniform(0.95, 1.05);
        double dx = rng.uniform(-0.03, 0.03) * box.width();
        double dy = rng.uniform(-0.03, 0.03) * box.height();
        double cx = box.x() + box.width() / 2.0;
        double cy = box.y() + box.height() / 2.0;
        try (PointerScope scope = new PointerScope()) {
            Mat t = new Mat(2, 3, CV_64F);
            new DoublePointer(t.data()).put(scale, 0, cx - scale * cx + dx, 0, scale, cy - scale * cy + dy);
            Mat m = out.toMat();
            Mat warped = new Mat();
            warpAffine(m, warped, t, new Size(real.width(), real.height()), INTER_LINEAR, BORDER_REFLECT, new Scalar(0));
            return Raster.of(warped);
        }
    }

    private static Raster sharpened(Raster img, double amount) {
        Raster blurred = Blend.blur(img, 1.2);
        byte[] a = img.data();
        byte[] b = blurred.data();
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            int x = a[i] & 0xff;
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(x + amount * (x - (b[i] & 0xff)))));
        }
        return new Raster(img.width(), img.height(), img.channels(), out);
    }

    /**
     * A randomised face-shaped blend weight: an oval over the face box that narrows towards
     * the chin, with its radius wobbling around the face, grown or shrunk, and feathered.
     */
    static float[] faceMask(int width, int height, FaceBox box, Rng rng) {
        int size = Math.max(width, height);
        double cx = box.x() + box.width() / 2.0 + rng.uniform(-0.03, 0.03) * box.width();
        double cy = box.y() + box.height() * rng.uniform(0.5, 0.58);
        double rx = box.width() / 2.0 * rng.uniform(0.72, 0.95);
        double ry = box.height() / 2.0 * rng.uniform(0.8, 1.0);
        double jaw = rng.uniform(0.55, 0.85);
        ValueNoise wobble = new ValueNoise(rng, 8, 1);
        double amp = rng.uniform(0.03, 0.1);
        int n = 64;
        double[][] poly = new double[n][];
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            double s = Math.sin(t);
            double narrowing = s > 0 ? 1 - (1 - jaw) * Math.pow(s, 1.6) : 1;
            double r = 1 + amp * wobble.at(8.0 * i / n, 0);
            poly[i] = new double[] {cx + rx * Math.cos(t) * narrowing * r, cy + ry * s * r};
        }
        float[] w = Blend.weight(size, poly, rng.uniform(-0.05, 0.05) * box.width(),
                rng.uniform(0.02, 0.08) * box.width());
        if (width == size && height == size) {
            return w;
        }
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(w, y * size, out, y * width, width);
        }
        return out;
    }
}
