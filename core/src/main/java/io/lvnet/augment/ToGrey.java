package io.lvnet.augment;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.util.random.RandomGenerator;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Replaces the image by its grey level in all three channels (OpenCV's {@code RGB2GRAY}
 * weights, then {@code GRAY2RGB}), as the reference's {@code ToGray}; recipe probability
 * 0.1. Image only.
 */
public final class ToGrey implements Transform {
    /** Converts; draws nothing. */
    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        return grey(sample);
    }

    /**
     * @param sample the input
     * @return the sample with a grey image (three equal channels), masks unchanged
     */
    public static Sample grey(Sample sample) {
        try (PointerScope scope = new PointerScope()) {
            Mat rgb = NativeImages.rgbMat(sample);
            Mat grey = new Mat();
            Mat out = new Mat();
            cvtColor(rgb, grey, COLOR_RGB2GRAY);
            cvtColor(grey, out, COLOR_GRAY2RGB);
            return sample.withRgb(NativeImages.toBytes(out));
        }
    }

    @Override
    public String toString() {
        return "ToGrey";
    }
}
