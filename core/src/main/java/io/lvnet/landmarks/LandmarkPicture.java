package io.lvnet.landmarks;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.lvnet.data.FaceBox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A face with its landmarks, as a picture to look at: the face and a quarter of its box around
 * it, scaled to {@value #SIDE} px on its longer side, with the face box (white), the 68 points
 * (cyan) and the reference regions of {@link Landmarks#region} with the reference's 5 px
 * margin: mouth (red), eyes (green), nose (yellow).
 */
public final class LandmarkPicture {
    /** Longer side of the picture. */
    public static final int SIDE = 480;

    private static final Scalar WHITE = new Scalar(255, 255, 255, 0);
    private static final Scalar CYAN = new Scalar(255, 255, 0, 0);
    private static final Scalar[] REGION_COLOURS = {new Scalar(40, 40, 230, 0), new Scalar(60, 200, 60, 0),
        new Scalar(0, 220, 255, 0)};
    private static final FacialPart[] REGIONS = {FacialPart.MOUTH, FacialPart.EYES, FacialPart.NOSE};

    private LandmarkPicture() {
    }

    /** Writes the picture of one face of {@code bgr} as a PNG file. */
    public static void write(Path png, Mat bgr, FaceBox face, Landmarks landmarks) throws IOException {
        byte[] bytes = png(bgr, face, landmarks);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(png, bytes);
    }

    /** The picture's PNG bytes. */
    public static byte[] png(Mat bgr, FaceBox face, Landmarks landmarks) {
        try (PointerScope scope = new PointerScope()) {
            int pad = Math.max(face.width(), face.height()) / 4;
            Region view = new Region(face.x() - pad, face.y() - pad, face.x() + face.width() + pad,
                    face.y() + face.height() + pad).clip(bgr.cols(), bgr.rows());
            if (view.isEmpty()) {
                view = new Region(0, 0, bgr.cols(), bgr.rows());
            }
            double scale = (double) SIDE / Math.max(view.width(), view.height());
            Mat picture = new Mat();
            resize(new Mat(bgr, new Rect(view.left(), view.top(), view.width(), view.height())), picture,
                    new Size((int) Math.round(view.width() * scale), (int) Math.round(view.height() * scale)), 0, 0,
                    scale >= 1 ? INTER_LINEAR : INTER_AREA);
            Region box = new Region(face.x(), face.y(), face.x() + face.width(), face.y() + face.height());
            outline(picture, box, view, scale, WHITE);
            rectangle(picture, new Point(0, 0), new Point(picture.cols() - 1, 24), new Scalar(0, 0, 0, 0), FILLED, LINE_AA, 0);
            for (int i = 0; i < REGIONS.length; i++) {
                outline(picture, landmarks.region(REGIONS[i], Landmarks.REFERENCE_MARGIN), view, scale, REGION_COLOURS[i]);
                putText(picture, REGIONS[i].label(), new Point(6 + 70 * i, 18), FONT_HERSHEY_SIMPLEX, 0.55,
                        REGION_COLOURS[i], 2, LINE_AA, false);
            }
            int radius = Math.max(2, (int) Math.round(scale));
            for (int i = 0; i < landmarks.size(); i++) {
                circle(picture, at(landmarks.x(i), landmarks.y(i), view, scale), radius, CYAN, FILLED, LINE_AA, 0);
            }
            BytePointer encoded = new BytePointer();
            if (!imencode(".png", picture, encoded)) {
                throw new IllegalStateException("OpenCV could not encode the landmark picture as PNG");
            }
            byte[] file = new byte[(int) encoded.limit()];
            encoded.get(file);
            return file;
        }
    }

    /** The centre of pixel (x, y) of the picture in the scaled view. */
    private static Point at(int x, int y, Region view, double scale) {
        return new Point((int) Math.round((x - view.left() + 0.5) * scale - 0.5),
                (int) Math.round((y - view.top() + 0.5) * scale - 0.5));
    }

    /** The outline of the pixels {@code r} covers. */
    private static void outline(Mat picture, Region r, Region view, double scale, Scalar colour) {
        Point tl = new Point((int) Math.round((r.left() - view.left()) * scale),
                (int) Math.round((r.top() - view.top()) * scale));
        Point br = new Point((int) Math.round((r.right() - view.left()) * scale) - 1,
                (int) Math.round((r.bottom() - view.top()) * scale) - 1);
        rectangle(picture, tl, br, colour, 2, LINE_AA, 0);
    }
}
