package io.lvnet.augment;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Copies between the heap arrays a {@link Sample} holds and OpenCV matrices. Samples stay on
 * the Java heap so that the garbage collector owns them and nothing native outlives a
 * transform; each transform copies in, runs OpenCV inside a
 * {@link org.bytedeco.javacpp.PointerScope} and copies out.
 */
final class NativeImages {
    private NativeImages() {
    }

    /** A new 8-bit matrix holding a copy of {@code data}; the caller (or its scope) closes it. */
    static Mat toMat(byte[] data, int height, int width, int channels) {
        Mat mat = new Mat(height, width, CV_8UC(channels));
        mat.data().put(data);
        return mat;
    }

    /** The image of a sample as an 8-bit, three-channel matrix (RGB order). */
    static Mat rgbMat(Sample sample) {
        return toMat(sample.rgbData(), sample.height(), sample.width(), 3);
    }

    /** The pixels of an 8-bit matrix, row-major, channels interleaved. */
    static byte[] toBytes(Mat mat) {
        if (mat.depth() != CV_8U) {
            throw new IllegalStateException("expected an 8-bit matrix, got OpenCV depth " + mat.depth());
        }
        byte[] bytes = new byte[Math.toIntExact(mat.total() * mat.channels())];
        if (mat.isContinuous()) {
            mat.data().get(bytes);
        } else {
            try (Mat continuous = mat.clone()) {
                continuous.data().get(bytes);
            }
        }
        return bytes;
    }
}
