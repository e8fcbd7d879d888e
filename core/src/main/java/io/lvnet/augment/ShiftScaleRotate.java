package io.lvnet.augment;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.util.random.RandomGenerator;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A random affine warp of image and masks together: rotation about the centre, scaling and
 * a shift, keeping the size, with pixels from outside the image set to zero (the reference's
 * {@code ShiftScaleRotate} with a constant zero border; recipe: shift 0.0625, scale 0.2,
 * rotate 45 degrees, probability 0.5). Draws angle uniform in {@code [-rotate, rotate]}
 * degrees, scale uniform in {@code [1 - scale, 1 + scale]}, and horizontal and vertical
 * shifts uniform in {@code [-shift, shift]} as fractions of the width and height. The image
 * is interpolated linearly, masks with nearest-neighbour so they stay binary.
 */
public final class ShiftScaleRotate implements Transform {
    private final double shiftLimit;
    private final double scaleLimit;
    private final double rotateLimit;

    /** The recipe's warp: shift 0.0625, scale 0.2, rotate 45 degrees. */
    public ShiftScaleRotate() {
        this(0.0625, 0.2, 45);
    }

    /**
     * @param shiftLimit largest shift, as a fraction of the width (height), in [0, 1]
     * @param scaleLimit largest relative change of scale, in [0, 1)
     * @param rotateLimit largest rotation in degrees, non-negative
     */
    public ShiftScaleRotate(double shiftLimit, double scaleLimit, double rotateLimit) {
        if (!(shiftLimit >= 0 && shiftLimit <= 1 && scaleLimit >= 0 && scaleLimit < 1 && rotateLimit >= 0)) {
            throw new IllegalArgumentException("need shift in [0, 1], scale in [0, 1), rotate >= 0; got "
                    + shiftLimit + ", " + scaleLimit + ", " + rotateLimit);
        }
        this.shiftLimit = shiftLimit;
        this.scaleLimit = scaleLimit;
        this.rotateLimit = rotateLimit;
    }

    /** One draw of the warp's parameters. */
    record Params(double angle, double scale, double dx, double dy) {
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        Params p = draw(random);
        return warp(sample, p.angle(), p.scale(), p.dx(), p.dy());
    }

    Params draw(RandomGenerator random) {
        return new Params(symmetric(random, rotateLimit), 1 + symmetric(random, scaleLimit),
                symmetric(random, shiftLimit), symmetric(random, shiftLimit));
    }

    private static double symmetric(RandomGenerator random, double limit) {
        return limit == 0 ? 0 : random.nextDouble(-limit, limit);
    }

    /**
     * Warps image and masks: a point {@code p} of the input goes to
     * {@code scale * R(angle) (p - c) + c + (dx * width, dy * height)}, where {@code c} is
     * the centre {@code (width / 2 - 0.5, height / 2 - 0.5)} in pixel-centre coordinates and
     * a positive angle turns counter-clockwise as displayed (OpenCV's
     * {@code getRotationMatrix2D} convention).
     *
     * @param sample the input
     * @param angleDegrees rotation, counter-clockwise positive
     * @param scale zoom factor, positive
     * @param dx horizontal shift as a fraction of the width
     * @param dy vertical shift as a fraction of the height
     * @return the warped sample, same size; uncovered pixels are zero
     */
    public static Sample warp(Sample sample, double angleDegrees, double scale, double dx, double dy) {
        int height = sample.height();
        int width = sample.width();
        double[] affine = matrix(angleDegrees, scale, dx * width, dy * height, width / 2.0 - 0.5, height / 2.0 - 0.5);
        return Geometry.apply(sample, (src, dst, mask) -> {
            DoublePointer values = new DoublePointer(affine);
            Mat m = new Mat(2, 3, CV_64F, values);
            warpAffine(src, dst, m, new Size(width, height), Interpolation.forWarp(mask), BORDER_CONSTANT,
                    new Scalar(0.0));
        });
    }

    /** The 2x3 forward matrix, row-major, as {@code getRotationMatrix2D} plus the shift. */
    static double[] matrix(double angleDegrees, double scale, double shiftX, double shiftY, double cx, double cy) {
        double radians = Math.toRadians(angleDegrees);
        double alpha = scale * Math.cos(radians);
        double beta = scale * Math.sin(radians);
        return new double[] {
            alpha, beta, (1 - alpha) * cx - beta * cy + shiftX,
            -beta, alpha, beta * cx + (1 - alpha) * cy + shiftY,
        };
    }

    @Override
    public String toString() {
        return "ShiftScaleRotate(shift " + shiftLimit + ", scale " + scaleLimit + ", rotate " + rotateLimit + ")";
    }
}
