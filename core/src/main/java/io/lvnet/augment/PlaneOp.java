package io.lvnet.augment;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One geometric operation, applied in turn to the image and to every mask of a sample so
 * they stay aligned. The flag lets the operation pick nearest-neighbour interpolation for
 * masks (they must stay binary) and linear interpolation for the image.
 */
@FunctionalInterface
interface PlaneOp {
    /**
     * @param src the plane to transform (the 3-channel image or a 1-channel mask)
     * @param dst an empty matrix to receive the result
     * @param mask whether {@code src} is a mask
     */
    void apply(Mat src, Mat dst, boolean mask);
}
