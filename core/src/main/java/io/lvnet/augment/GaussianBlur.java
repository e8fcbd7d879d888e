package io.lvnet.augment;

import java.util.random.RandomGenerator;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Blurs the image with OpenCV's Gaussian filter of a fixed odd kernel size and sigma 0, which
 * lets OpenCV derive sigma from the size (for 3 its fixed kernel {@code [1, 2, 1] / 4} per
 * axis), reflecting at the border; the reference's {@code GaussianBlur(blur_limit=3,
 * sigma_limit=0)}, whose kernel size can only be 3. Recipe probability 0.05. Image only.
 */
public final class GaussianBlur implements Transform {
    private final int kernelSize;

    /** The recipe's blur: kernel 3. */
    public GaussianBlur() {
        this(3);
    }

    /**
     * @param kernelSize odd, positive kernel side
     */
    public GaussianBlur(int kernelSize) {
        if (kernelSize <= 0 || kernelSize % 2 == 0) {
            throw new IllegalArgumentException("kernel size must be odd and positive, got " + kernelSize);
        }
        this.kernelSize = kernelSize;
    }

    /** Blurs; draws nothing. */
    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        return blur(sample, kernelSize);
    }

    /**
     * @param sample the input
     * @param kernelSize odd kernel side
     * @return the sample with a blurred image, masks unchanged
     */
    public static Sample blur(Sample sample, int kernelSize) {
        return blur(sample, kernelSize, 0);
    }

    /**
     * Blurs with a given sigma, the kernel size left to OpenCV (for 8-bit images a side of
     * {@code 2 * round(3 * sigma) + 1}, so the kernel reaches three sigmas), reflecting at the
     * border.
     *
     * @param sample the input
     * @param sigma standard deviation of the Gaussian in pixels, positive
     * @return the sample with a blurred image, masks unchanged
     */
    public static Sample blurSigma(Sample sample, double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("blur sigma must be positive and finite, got " + sigma);
        }
        return blur(sample, 0, sigma);
    }

    private static Sample blur(Sample sample, int kernelSize, double sigma) {
        try (PointerScope scope = new PointerScope()) {
            Mat image = NativeImages.rgbMat(sample);
            Mat out = new Mat();
            opencv_imgproc.GaussianBlur(image, out, new Size(kernelSize, kernelSize), sigma);
            return sample.withRgb(NativeImages.toBytes(out));
        }
    }

    @Override
    public String toString() {
        return "GaussianBlur(" + kernelSize + ")";
    }
}
