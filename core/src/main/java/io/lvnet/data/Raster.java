package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_COMPRESSION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_STRATEGY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_STRATEGY_HUFFMAN_ONLY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_STRATEGY_RLE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * An 8-bit image held on the Java heap: BGR (3 channels) or a mask (1 channel, 0 or 255),
 * row-major and interleaved. Synthetic frames travel between the renderer, the manipulations,
 * the codec and the writer as rasters, so that no native memory outlives the step that made it
 * and pixels can be compared directly in tests.
 *
 * @param width columns
 * @param height rows
 * @param channels 1 or 3
 * @param data {@code width * height * channels} bytes
 */
public record Raster(int width, int height, int channels, byte[] data) {
    public Raster {
        if (data.length != width * height * channels) {
            throw new IllegalArgumentException("expected " + width * height * channels + " bytes, got " + data.length);
        }
    }

    /** An all-zero raster. */
    public static Raster blank(int width, int height, int channels) {
        return new Raster(width, height, channels, new byte[width * height * channels]);
    }

    /** Copies an 8-bit matrix. */
    public static Raster of(Mat m) {
        if (m.depth() != CV_8U) {
            throw new IllegalArgumentException("expected an 8-bit image, got depth " + m.depth());
        }
        Mat continuous = m.isContinuous() ? m : m.clone();
        byte[] data = new byte[continuous.cols() * continuous.rows() * continuous.channels()];
        continuous.data().get(data);
        if (continuous != m) {
            continuous.close();
        }
        return new Raster(m.cols(), m.rows(), m.channels(), data);
    }

    /** A new matrix with a copy of the pixels; the caller closes it (or a scope does). */
    public Mat toMat() {
        Mat m = new Mat(height, width, CV_8UC(channels));
        m.data().put(data);
        return m;
    }

    /** The value at column {@code x}, row {@code y}, channel {@code c} (0..255). */
    public int at(int x, int y, int c) {
        return data[(y * width + x) * channels + c] & 0xff;
    }

    /** Whether any pixel is non-zero. */
    public boolean anySet() {
        for (byte b : data) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }

    /** How many pixels are non-zero in any channel. */
    public int countSet() {
        int n = 0;
        for (int p = 0; p < width * height; p++) {
            for (int c = 0; c < channels; c++) {
                if (data[p * channels + c] != 0) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    /**
     * The image as a PNG file's bytes. The encoding is a pure function of the pixels (zlib with
     * fixed settings), so equal rasters give equal files. Camera-like images (noise in every
     * pixel) gain nothing from zlib's string matching, so colour images use Huffman coding only,
     * which is smaller and several times faster; masks use run-length matching.
     */
    public byte[] png() {
        int strategy = channels == 1 ? IMWRITE_PNG_STRATEGY_RLE : IMWRITE_PNG_STRATEGY_HUFFMAN_ONLY;
        try (Mat m = toMat(); BytePointer out = new BytePointer();
                IntPointer params = new IntPointer(IMWRITE_PNG_COMPRESSION, 6, IMWRITE_PNG_STRATEGY, strategy)) {
            if (!imencode(".png", m, out, params)) {
                throw new IllegalStateException("OpenCV could not encode a PNG");
            }
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Raster r && r.width == width && r.height == height && r.channels == channels
                && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + width * 7 + height * 3 + channels;
    }

    @Override
    public String toString() {
        return "Raster[" + width + "x" + height + "x" + channels + "]";
    }
}
