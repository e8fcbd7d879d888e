package io.lvnet.blend;




import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import io.lvnet.augment.JpegCompression;
import io.lvnet.data.FaceBox;
import io.lvnet.data.Raster;
import java.util.Set;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * What makes a self-blend's two faces differ: the transforms of the copy that is blended into a
 * real face (or of the real face the copy is blended into). Each is a pure function of the image
 * and the draws it takes from its {@link Rng}, so a blend is the same whatever thread makes it.
 */
public final class SourceTransforms {
    private SourceTransforms() {
    }

    /**
     * Brightness and colour: a global gain and offset, and each channel's own. The draws are
     * always taken, so that switching either part off leaves the other's values unchanged.
     */
    static Raster colour(Raster img, Rng rng, boolean brightness, boolean perChannel) {
        double gain = rng.uniform(0.85, 1.15);
        double offset = rng.uniform(-15, 15);
        double[] gains = new double[3];
        double[] offsets = new double[3];
        for (int c = 0; c < 3; c++) {
            double g = rng.uniform(0.93, 1.07);
            double o = rng.uniform(-18, 18);
            gains[c] = (brightness ? gain : 1) * (perChannel ? g : 1);
            offsets[c] = (brightness ? offset : 0) + (perChannel ? o : 0);
        }
        return Blend.colour(img, gains, offsets);
    }

    /** Unsharp masking: {@code x + amount (x - blur(x))}, clamped. */
    static Raster sharpened(Raster img, double amount) {
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
     * One change of the image's detail, drawn among those enabled (or none): sharpened, blurred,
     * shrunk and enlarged back, or (only where enabled, so that other settings draw as before)
     * upsampled as a neural renderer does.
     */
    static Raster detail(Raster img, Rng rng, Set<SelfBlendSettings.Transform> enabled) {
        int choice = rng.nextInt(enabled.contains(SelfBlendSettings.Transform.UPSAMPLING) ? 5 : 4);
        double amount = rng.uniform(0, 1);
        return switch (choice) {
            case 0 -> enabled.contains(SelfBlendSettings.Transform.SHARPEN) ? sharpened(img, 0.4 + 0.8 * amount) : img;
            case 1 -> enabled.contains(SelfBlendSettings.Transform.BLUR) ? Blend.blur(img, 0.5 + 1.0 * amount) : img;
            case 2 -> enabled.contains(SelfBlendSettings.Transform.RESIZE) ? Blend.resample(img, 0.3 + 0.5 * amount) : img;
            case 3 -> img;
            default -> upsampled(img, rng);
        };
    }

    /**
     * The image as a generator that renders at 1/f of the resolution (f of 2 to 4) and upsamples
     * by transposed convolutions would give it: the detail of the smaller image, and a gain that
     * repeats every f pixels, where the kernel's uneven overlap adds more to some output phases
     * than to others (Odena et al., "Deconvolution and checkerboard artifacts", 2016). The f x f
     * gains are drawn, 3 to 12 % about 1, so no one pattern is learnt.
     */
    static Raster upsampled(Raster img, Rng rng) {
        int f = rng.between(2, 4);
        double amplitude = rng.uniform(0.03, 0.12);
        double[] gain = new double[f * f];
        double mean = 0;
        for (int i = 0; i < gain.length; i++) {
            gain[i] = 1 + amplitude * rng.uniform(-1, 1);
            mean += gain[i] / gain.length;
        }
        int px = rng.nextInt(f);
        int py = rng.nextInt(f);
        Raster small = Blend.resample(img, 1.0 / f);
        byte[] d = small.data();
        byte[] out = new byte[d.length];
        int w = img.width();
        int ch = img.channels();
        for (int p = 0; p < w * img.height(); p++) {
            double g = gain[((p / w + py) % f) * f + (p % w + px) % f] / mean;
            for (int c = 0; c < ch; c++) {
                out[p * ch + c] = (byte) Math.max(0, Math.min(255, Math.round((d[p * ch + c] & 0xff) * g)));
            }
        }
        return new Raster(w, img.height(), ch, out);
    }

    /**
     * Independent Gaussian noise of one standard deviation, drawn between 2 and 8 in 8-bit units, on
     * every value: a camera's sensor noise, which a region rendered or retouched elsewhere lacks or
     * has at another level.
     */
    static Raster noisy(Raster img, Rng rng) {
        double sigma = rng.uniform(2, 8);
        byte[] d = img.data();
        byte[] out = new byte[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, Math.round((d[i] & 0xff) + sigma * rng.gaussian())));
        }
        return new Raster(img.width(), img.height(), img.channels(), out);
    }

    /** JPEG at a quality of 40 to 100. */
    static Raster jpeg(Raster img, Rng rng) {
        int quality = rng.between(40, 100);
        try (PointerScope scope = new PointerScope()) {
            return Raster.of(JpegCompression.roundTrip(img.toMat(), quality));
        }
    }

    /** Moved by up to 3 % of the face box and scaled by 0.95 to 1.05 about the box's centre. */
    static Raster shiftScale(Raster img, FaceBox box, Rng rng) {
        double scale = rng.uniform(0.95, 1.05);
        double dx = rng.uniform(-0.03, 0.03) * box.width();
        double dy = rng.uniform(-0.03, 0.03) * box.height();
        double cx = box.x() + box.width() / 2.0;
        double cy = box.y() + box.height() / 2.0;
        try (PointerScope scope = new PointerScope()) {
            Mat t = new Mat(2, 3, CV_64F);
            new DoublePointer(t.data()).put(scale, 0, cx - scale * cx + dx, 0, scale, cy - scale * cy + dy);
            Mat warped = new Mat();
            warpAffine(img.toMat(), warped, t, new Size(img.width(), img.height()), INTER_LINEAR, BORDER_REFLECT,
                    new Scalar(0));
            return Raster.of(warped);
        }
    }
}
