package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Where a face crop's pixels come from: the affine map from a picture's pixel coordinates to the
 * crop's, {@code x' = a x + b y + c}, {@code y' = d x + e y + f}. A box crop scales and moves; an
 * aligned crop ({@code --align}) also rotates. Its {@link #inverse()} takes a point of the crop
 * (a patch of the patch map, say) back to the picture, so that what the model saw on the crop
 * can be drawn where it is on the original.
 *
 * @param a x' per x
 * @param b x' per y
 * @param c x' offset
 * @param d y' per x
 * @param e y' per y
 * @param f y' offset
 */
public record CropTransform(double a, double b, double c, double d, double e, double f) {
    /** Refuses a map that is not finite or collapses the plane. */
    public CropTransform {
        for (double v : new double[] {a, b, c, d, e, f}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("crop transform must be finite");
            }
        }
        if (Math.abs(a * e - b * d) < 1e-12) {
            throw new IllegalArgumentException("crop transform is singular");
        }
    }

    /** The box crop {@code box}, resized to {@code side x side}. */
    public static CropTransform of(CropBox box, int side) {
        double k = (double) side / box.size();
        return new CropTransform(k, 0, -box.x() * k, 0, k, -box.y() * k);
    }

    /** The point {@code (x, y)} of the picture in the crop. */
    public double[] apply(double x, double y) {
        return new double[] {a * x + b * y + c, d * x + e * y + f};
    }

    /** The map from the crop back to the picture. */
    public CropTransform inverse() {
        double det = a * e - b * d;
        double ia = e / det;
        double ib = -b / det;
        double id = -d / det;
        double ie = a / det;
        return new CropTransform(ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f));
    }

    /** This map followed by a resize of the crop, by {@code kx} across and {@code ky} down. */
    public CropTransform scaled(double kx, double ky) {
        return new CropTransform(a * kx, b * kx, c * kx, d * ky, e * ky, f * ky);
    }

    /** The six coefficients, row by row ({@code a b c d e f}), as OpenCV's 2 x 3 matrix holds them. */
    public double[] coefficients() {
        return new double[] {a, b, c, d, e, f};
    }

    /** How much the crop enlarges the picture (the square root of the determinant). */
    public double scale() {
        return Math.sqrt(Math.abs(a * e - b * d));
    }

    /**
     * The crop itself: the picture warped by this map into a {@code side x side} image, black
     * where the crop reaches past the picture.
     *
     * @param picture any type, not closed
     * @param interpolation OpenCV's interpolation flag (linear for images, nearest for masks)
     */
    public Mat warp(Mat picture, int side, int interpolation) {
        Mat out = new Mat();
        try (Mat m = new Mat(2, 3, CV_64F); DoublePointer p = new DoublePointer(m.data());
                Size s = new Size(side, side); Scalar black = new Scalar(0)) {
            p.put(coefficients());
            warpAffine(picture, out, m, s, interpolation, BORDER_CONSTANT, black);
        }
        return out;
    }

    /** The smallest box of the crop that holds a box of the picture, clipped to a {@code side x side} crop. */
    public FaceBox box(FaceBox face, int side) {
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int corner = 0; corner < 4; corner++) {
            double[] p = apply(face.x() + (corner & 1) * face.width(), face.y() + (corner >> 1) * face.height());
            x0 = Math.min(x0, p[0]);
            y0 = Math.min(y0, p[1]);
            x1 = Math.max(x1, p[0]);
            y1 = Math.max(y1, p[1]);
        }
        int left = clamp((int) Math.round(x0), side - 1);
        int top = clamp((int) Math.round(y0), side - 1);
        int right = clamp((int) Math.round(x1), side);
        int bottom = clamp((int) Math.round(y1), side);
        return new FaceBox(left, top, Math.max(1, right - left), Math.max(1, bottom - top), face.score());
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
