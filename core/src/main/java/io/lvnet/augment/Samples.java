package io.lvnet.augment;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Builds {@link Sample}s from OpenCV matrices as {@link io.lvnet.data.OpenCvImages} decodes
 * them (BGR), converting to the RGB order the augmentations and the network use.
 */
public final class Samples {
    private Samples() {
    }

    /**
     * A sample from a decoded image and its masks.
     *
     * @param bgr 8-bit BGR image (as {@code cv2.imread} returns it); regions (non-continuous
     *     matrices) are fine; not closed
     * @param masks name to 8-bit mask of the same size, one channel, or three (BGR, converted
     *     to grey as the reference does); not closed
     * @return the sample, image in RGB order
     * @throws IllegalArgumentException if a matrix is not 8-bit, has an unexpected channel
     *     count or a size different from the image's
     */
    public static Sample fromBgr(Mat bgr, Map<String, Mat> masks) {
        requireDepth(bgr, "image");
        if (bgr.channels() != 3) {
            throw new IllegalArgumentException("image must have 3 channels (BGR), got " + bgr.channels());
        }
        try (PointerScope scope = new PointerScope()) {
            Mat rgb = new Mat();
            cvtColor(bgr, rgb, COLOR_BGR2RGB);
            Map<String, byte[]> planes = new LinkedHashMap<>();
            for (Map.Entry<String, Mat> entry : masks.entrySet()) {
                planes.put(entry.getKey(), greyPlane(entry.getKey(), entry.getValue(), bgr));
            }
            return Sample.owning(bgr.rows(), bgr.cols(), NativeImages.toBytes(rgb), planes);
        }
    }

    /**
     * A sample without masks from a decoded BGR image.
     *
     * @param bgr 8-bit BGR image; not closed
     * @return the sample, image in RGB order
     */
    public static Sample fromBgr(Mat bgr) {
        return fromBgr(bgr, Map.of());
    }

    private static byte[] greyPlane(String name, Mat mask, Mat image) {
        requireDepth(mask, "mask '" + name + "'");
        if (mask.rows() != image.rows() || mask.cols() != image.cols()) {
            throw new IllegalArgumentException("mask '" + name + "' is " + mask.rows() + "x" + mask.cols()
                    + ", image " + image.rows() + "x" + image.cols());
        }
        switch (mask.channels()) {
            case 1:
                return NativeImages.toBytes(mask);
            case 3:
            case 4:
                Mat grey = new Mat();
                cvtColor(mask, grey, mask.channels() == 3 ? COLOR_BGR2GRAY : COLOR_BGRA2GRAY);
                return NativeImages.toBytes(grey);
            default:
                throw new IllegalArgumentException("mask '" + name + "' must have 1, 3 or 4 channels, got "
                        + mask.channels());
        }
    }

    private static void requireDepth(Mat mat, String what) {
        if (mat.empty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (mat.depth() != CV_8U) {
            throw new IllegalArgumentException(what + " must be 8-bit, got OpenCV depth " + mat.depth());
        }
    }
}
