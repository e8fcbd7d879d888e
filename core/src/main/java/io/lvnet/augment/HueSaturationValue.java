package io.lvnet.augment;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_HSV2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.util.random.RandomGenerator;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Random shifts of hue, saturation and value in OpenCV's 8-bit HSV space, where hue runs
 * from 0 to 179 (2 degrees per step) and wraps around, and saturation and value are clamped
 * to [0, 255] (the reference's {@code HueSaturationValue} with its defaults: hue 20,
 * saturation 30, value 20, each shift uniform in {@code [-limit, limit]}). Image only; one of
 * the recipe's three colour transforms.
 */
public final class HueSaturationValue implements Transform {
    private static final int HUE_PERIOD = 180;

    private final double hueLimit;
    private final double saturationLimit;
    private final double valueLimit;

    /** The recipe's (the reference's default) limits: hue 20, saturation 30, value 20. */
    public HueSaturationValue() {
        this(20, 30, 20);
    }

    /**
     * @param hueLimit largest hue shift in OpenCV hue steps (2 degrees each), non-negative
     * @param saturationLimit largest saturation shift in 8-bit units, non-negative
     * @param valueLimit largest value shift in 8-bit units, non-negative
     */
    public HueSaturationValue(double hueLimit, double saturationLimit, double valueLimit) {
        if (!(hueLimit >= 0 && saturationLimit >= 0 && valueLimit >= 0)) {
            throw new IllegalArgumentException("limits must be non-negative, got "
                    + hueLimit + ", " + saturationLimit + ", " + valueLimit);
        }
        this.hueLimit = hueLimit;
        this.saturationLimit = saturationLimit;
        this.valueLimit = valueLimit;
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        double hue = symmetric(random, hueLimit);
        double saturation = symmetric(random, saturationLimit);
        double value = symmetric(random, valueLimit);
        return shift(sample, hue, saturation, value);
    }

    private static double symmetric(RandomGenerator random, double limit) {
        return limit == 0 ? 0 : random.nextDouble(-limit, limit);
    }

    /**
     * @param sample the input
     * @param hueShift added to the hue, modulo 180
     * @param saturationShift added to the saturation, clamped
     * @param valueShift added to the value, clamped
     * @return the sample with the shifted image, masks unchanged
     */
    public static Sample shift(Sample sample, double hueShift, double saturationShift, double valueShift) {
        byte[] hueTable = new byte[256];
        byte[] saturationTable = new byte[256];
        byte[] valueTable = new byte[256];
        for (int v = 0; v < 256; v++) {
            // a floored modulo, as NumPy's: a negative shift wraps to the top of the hue circle
            double hue = v + hueShift;
            hueTable[v] = Lookup.clipTruncate(hue - HUE_PERIOD * Math.floor(hue / HUE_PERIOD));
            saturationTable[v] = Lookup.clipTruncate(v + saturationShift);
            valueTable[v] = Lookup.clipTruncate(v + valueShift);
        }
        try (PointerScope scope = new PointerScope()) {
            Mat rgb = NativeImages.rgbMat(sample);
            Mat hsv = new Mat();
            cvtColor(rgb, hsv, COLOR_RGB2HSV);
            byte[] shifted = Lookup.apply(NativeImages.toBytes(hsv), hueTable, saturationTable, valueTable);
            Mat shiftedHsv = NativeImages.toMat(shifted, sample.height(), sample.width(), 3);
            Mat out = new Mat();
            cvtColor(shiftedHsv, out, COLOR_HSV2RGB);
            return sample.withRgb(NativeImages.toBytes(out));
        }
    }

    @Override
    public String toString() {
        return "HueSaturationValue(" + hueLimit + ", " + saturationLimit + ", " + valueLimit + ")";
    }
}
