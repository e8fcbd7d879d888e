package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Test images: a cartoon face (light oval, dark brows, eyes and mouth, soft edges) with the
 * light/dark layout the Haar frontal-face cascade keys on, on a dark grey background.
 */
public final class SyntheticFaces {
    private SyntheticFaces() {
    }

    /** A {@code width x height} BGR image with one face of half-height {@code r} centred at (cx, cy). */
    public static Mat face(int width, int height, int cx, int cy, int r) {
        Mat img = new Mat(height, width, CV_8UC3, new Scalar(60, 60, 60, 0));
        double u = r / 72.0; // the face was designed with r = 72
        fillEllipse(img, cx, cy, 55 * u, 72 * u, new Scalar(170, 180, 200, 0));
        for (int side : new int[] {-1, 1}) {
            int inner = cx + side * (int) Math.round(12 * u);
            int outer = cx + side * (int) Math.round(40 * u);
            rectangle(img, new Point(Math.min(inner, outer), cy - (int) Math.round(35 * u)),
                    new Point(Math.max(inner, outer), cy - (int) Math.round(29 * u)),
                    new Scalar(40, 40, 40, 0), -1, LINE_AA, 0);
            fillEllipse(img, cx + side * (int) Math.round(25 * u), cy - (int) Math.round(18 * u),
                    11 * u, 6 * u, new Scalar(30, 30, 30, 0));
        }
        fillEllipse(img, cx, cy + (int) Math.round(12 * u), 8 * u, 5 * u, new Scalar(110, 120, 140, 0));
        fillEllipse(img, cx, cy + (int) Math.round(38 * u), 22 * u, 6 * u, new Scalar(50, 50, 90, 0));
        GaussianBlur(img, img, new Size(5, 5), 0);
        return img;
    }

    private static void fillEllipse(Mat img, int cx, int cy, double ax, double ay, Scalar colour) {
        ellipse(img, new Point(cx, cy), new Size((int) Math.round(ax), (int) Math.round(ay)), 0, 0, 360,
                colour, -1, LINE_AA, 0);
    }
}
