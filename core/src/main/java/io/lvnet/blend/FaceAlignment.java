package io.lvnet.blend;

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
 * Brings another face onto this one, as Face X-ray aligns the face it blends in: the similarity
 * (rotation, scale and shift) that maps the other face's landmarks onto this face's in the least
 * squares sense, or, without landmarks, the one that maps its face box onto this face's box.
 */
public final class FaceAlignment {
    private FaceAlignment() {
    }

    /**
     * The similarity {@code {a, b, tx, ty}}, mapping {@code (x, y)} to {@code (a x - b y + tx, b x + a y + ty)},
     * that best maps {@code from} onto {@code to} (Umeyama's closed form in 2-D).
     *
     * @param from points {x, y}
     * @param to as many points, in the same order
     */
    static double[] similarity(int[][] from, int[][] to) {
        if (from.length != to.length || from.length < 2) {
            throw new IllegalArgumentException("need two or more point pairs, got " + from.length + " and " + to.length);
        }
        double fx = 0;
        double fy = 0;
        double tx = 0;
        double ty = 0;
        for (int i = 0; i < from.length; i++) {
            fx += from[i][0];
            fy += from[i][1];
            tx += to[i][0];
            ty += to[i][1];
        }
        fx /= from.length;
        fy /= from.length;
        tx /= from.length;
        ty /= from.length;
        double dot = 0;
        double cross = 0;
        double norm = 0;
        for (int i = 0; i < from.length; i++) {
            double ax = from[i][0] - fx;
            double ay = from[i][1] - fy;
            double bx = to[i][0] - tx;
            double by = to[i][1] - ty;
            dot += ax * bx + ay * by;
            cross += ax * by - ay * bx;
            norm += ax * ax + ay * ay;
        }
        if (norm == 0) {
            throw new IllegalArgumentException("the points to map from all coincide");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new double[] {a, b, tx - (a * fx - b * fy), ty - (b * fx + a * fy)};
    }

    /** The scale and shift that map one face box onto another, centre onto centre, area onto area. */
    static double[] boxToBox(FaceBox from, FaceBox to) {
        double scale = Math.sqrt((double) to.width() * to.height() / ((double) from.width() * from.height()));
        double fx = from.x() + from.width() / 2.0;
        double fy = from.y() + from.height() / 2.0;
        return new double[] {scale, 0, to.x() + to.width() / 2.0 - scale * fx, to.y() + to.height() / 2.0 - scale * fy};
    }

    /**
     * The other face, moved onto this one and cut to this image's size (borders reflected).
     *
     * @param other the other face's image
     * @param otherBox its face box
     * @param otherPoints its landmarks, or null
     * @param box this face's box
     * @param points this face's landmarks (as many as {@code otherPoints}), or null
     * @param width this image's width
     * @param height this image's height
     */
    public static Raster onto(Raster other, FaceBox otherBox, int[][] otherPoints, FaceBox box, int[][] points,
            int width, int height) {
        double[] m = otherPoints != null && points != null && otherPoints.length == points.length
                ? similarity(otherPoints, points) : boxToBox(otherBox, box);
        try (PointerScope scope = new PointerScope()) {
            Mat t = new Mat(2, 3, CV_64F);
            new DoublePointer(t.data()).put(m[0], -m[1], m[2], m[1], m[0], m[3]);
            Mat warped = new Mat();
            warpAffine(other.toMat(), warped, t, new Size(width, height), INTER_LINEAR, BORDER_REFLECT, new Scalar(0));
            return Raster.of(warped);
        }
    }
}
