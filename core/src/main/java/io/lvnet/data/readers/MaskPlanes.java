package io.lvnet.data.readers;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.lvnet.data.FaceCrops;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** Forgery masks from other tools' files, brought to lvnet's form: 1 channel, 0 or 255, the image's size. */
final class MaskPlanes {
    private MaskPlanes() {
    }

    /**
     * A stored mask picture binarised as lvnet prepare binarises mask videos
     * ({@link FaceCrops#binariseMask}) and resized nearest-neighbour to the image's size: patch
     * labels count any non-zero pixel as forged, so compression noise in a stored mask must not
     * survive.
     */
    static Mat binary(Mat picture, Mat image) {
        Mat out = FaceCrops.binariseMask(picture);
        if (out.rows() == image.rows() && out.cols() == image.cols()) {
            return out;
        }
        Mat sized = new Mat();
        try (out; Size s = new Size(image.cols(), image.rows())) {
            resize(out, sized, s, 0, 0, INTER_NEAREST);
        }
        return sized;
    }

    /** An all-zero mask the size of the image (a real frame). */
    static Mat zeros(Mat image) {
        return new Mat(image.rows(), image.cols(), CV_8UC1, new Scalar(0));
    }
}
