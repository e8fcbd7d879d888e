package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Turns a face crop into the network input the way the reference test transform does:
 * convert BGR to RGB, resize to {@code size x size} with OpenCV's bilinear
 * {@code INTER_LINEAR}, scale each value to {@code (v / 255 - 0.5) / 0.5} in float32 and lay
 * the result out channels first. The arithmetic is float32 throughout, as PyTorch's, so the
 * normalised values of a given resized image are bit-identical to the reference's.
 */
public final class FaceCropPreprocessor {
    /** The input side length of the LVNet (Xception) network. */
    public static final int DEFAULT_SIZE = 299;

    private FaceCropPreprocessor() {
    }

    /**
     * Reads an image file and returns the normalised network input.
     *
     * @param image the image file
     * @param size output side length
     * @return {@code 3 * size * size} floats, channel-major (R plane, G plane, B plane), each
     *     plane row-major
     * @throws IOException if the file is missing or not an image (see {@link OpenCvImages})
     */
    public static float[] normalisedChw(Path image, int size) throws IOException {
        return normalise(resizedRgb(image, size), size);
    }

    /**
     * Reads an image file and returns it converted to RGB and resized, before normalisation:
     * the pixels the network sees, for tests and overlays.
     *
     * @param image the image file
     * @param size output side length
     * @return {@code size * size * 3} bytes (unsigned), row-major, RGB interleaved (HWC)
     * @throws IOException if the file is missing or not an image
     */
    public static byte[] resizedRgb(Path image, int size) throws IOException {
        try (Mat bgr = OpenCvImages.readBgr(image)) {
            return resizedRgb(bgr, size);
        }
    }

    /**
     * The normalised network input of an in-memory image, such as a face region of a video
     * frame ({@code new Mat(frame, rect)}; the region need not be continuous).
     *
     * @param image 8-bit image in OpenCV's channel order: BGR, or grey, or BGRA; not closed
     * @param size output side length
     * @return {@code 3 * size * size} floats, channels first
     * @throws IllegalArgumentException if the image is empty or not 8-bit with 1, 3 or 4
     *     channels
     */
    public static float[] normalisedChw(Mat image, int size) {
        return normalise(resizedRgb(image, size), size);
    }

    /**
     * An in-memory image converted to RGB and resized with {@code INTER_LINEAR}.
     *
     * @param image 8-bit image in OpenCV's channel order: BGR, or grey, or BGRA; not closed
     * @param size output side length
     * @return {@code size * size * 3} bytes, RGB interleaved (HWC)
     * @throws IllegalArgumentException if the image is empty or not 8-bit with 1, 3 or 4
     *     channels
     */
    public static byte[] resizedRgb(Mat image, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        if (image.empty()) {
            throw new IllegalArgumentException("image is empty");
        }
        if (image.depth() != CV_8U) {
            throw new IllegalArgumentException("image must be 8-bit, got OpenCV depth " + image.depth());
        }
        // the reference converts to RGB first and resizes afterwards; keep that order
        try (Mat rgb = new Mat(); Mat resized = new Mat(); Size target = new Size(size, size)) {
            cvtColor(image, rgb, conversionToRgb(image.channels()));
            resize(rgb, resized, target, 0, 0, INTER_LINEAR);
            byte[] pixels = new byte[Math.multiplyExact(size * size, 3)];
            if (!resized.isContinuous()) {
                throw new IllegalStateException("OpenCV returned a non-continuous resize result");
            }
            resized.data().get(pixels);
            return pixels;
        }
    }

    /**
     * Normalises resized RGB pixels to the network input: {@code (v / 255 - 0.5) / 0.5} in
     * float32, transposed from HWC to CHW.
     *
     * @param rgbHwc {@code size * size * 3} unsigned bytes, RGB interleaved
     * @param size side length
     * @return {@code 3 * size * size} floats in [-1, 1], channels first
     */
    public static float[] normalise(byte[] rgbHwc, int size) {
        int plane = size * size;
        if (rgbHwc.length != plane * 3) {
            throw new IllegalArgumentException("expected " + plane * 3 + " bytes for "
                    + size + "x" + size + " RGB, got " + rgbHwc.length);
        }
        float[] chw = new float[plane * 3];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                float v = (rgbHwc[i * 3 + c] & 0xff) / 255f;
                chw[c * plane + i] = (v - 0.5f) / 0.5f;
            }
        }
        return chw;
    }

    private static int conversionToRgb(int channels) {
        return switch (channels) {
            case 3 -> COLOR_BGR2RGB;
            case 1 -> COLOR_GRAY2RGB;
            case 4 -> COLOR_BGRA2RGB;
            default -> throw new IllegalArgumentException(
                    "image must have 1, 3 or 4 channels, got " + channels);
        };
    }
}
