package io.lvnet.blend;

import static org.bytedeco.opencv.global.opencv_core.CV_32SC2;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.polylines;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Polygon drawing with sub-pixel vertex positions (OpenCV's fixed-point {@code shift}), so
 * that slow head motion moves edges smoothly instead of in whole-pixel jumps. Callers manage
 * native memory with a {@link org.bytedeco.javacpp.PointerScope}.
 */
public final class Draw {
    /** Fractional bits of vertex coordinates. */
    private static final int SHIFT = 4;
    private static final double ONE = 1 << SHIFT;

    private Draw() {
    }

    /** Fills a simple (possibly concave) polygon with a colour (BGR, or a grey value). */
    public static void fill(Mat image, double[][] polygon, double... colour) {
        if (polygon == null || polygon.length < 3) {
            return;
        }
        try (MatVector contours = new MatVector(points(polygon));
                Scalar s = scalar(colour); Point offset = new Point(0, 0)) {
            fillPoly(image, contours, s, LINE_8, SHIFT, offset);
        }
    }

    /** Draws an open or closed polyline. */
    public static void line(Mat image, double[][] points, boolean closed, int thickness, double... colour) {
        if (points == null || points.length < 2) {
            return;
        }
        try (MatVector contours = new MatVector(points(points)); Scalar s = scalar(colour)) {
            polylines(image, contours, closed, s, Math.max(1, thickness), LINE_8, SHIFT);
        }
    }

    /** An OpenCV scalar from 1 to 4 values. */
    static Scalar scalar(double... c) {
        return switch (c.length) {
            case 1 -> new Scalar(c[0]);
            case 3 -> new Scalar(c[0], c[1], c[2], 0);
            default -> new Scalar(c[0], c[1], c[2], c[3]);
        };
    }

    /** Vertices as the {@code CV_32SC2} column OpenCV takes, in fixed point. */
    static Mat points(double[][] polygon) {
        Mat m = new Mat(polygon.length, 1, CV_32SC2);
        int[] xy = new int[polygon.length * 2];
        for (int i = 0; i < polygon.length; i++) {
            xy[2 * i] = (int) Math.round(polygon[i][0] * ONE);
            xy[2 * i + 1] = (int) Math.round(polygon[i][1] * ONE);
        }
        new IntPointer(m.data()).put(xy);
        return m;
    }

    /** Points on an ellipse (centre, semi-axes, rotation in radians). */
    public static double[][] ellipse(double cx, double cy, double ax, double ay, double angle, int n) {
        double[][] pts = new double[n][];
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            double x = ax * Math.cos(t);
            double y = ay * Math.sin(t);
            pts[i] = new double[] {cx + x * c - y * s, cy + x * s + y * c};
        }
        return pts;
    }

    /** The concatenation of point lists. */
    static double[][] concat(double[][]... parts) {
        int n = 0;
        for (double[][] p : parts) {
            n += p.length;
        }
        double[][] out = new double[n][];
        int k = 0;
        for (double[][] p : parts) {
            for (double[] q : p) {
                out[k++] = q;
            }
        }
        return out;
    }
}
