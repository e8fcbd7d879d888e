package io.lvnet.augment;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST_EXACT;

/** Which OpenCV interpolation each kind of plane gets. */
final class Interpolation {
    private Interpolation() {
    }

    /**
     * For {@code resize}: linear for images; for masks nearest-neighbour with half-pixel
     * centres ({@code INTER_NEAREST_EXACT}), the same sampling grid as {@code INTER_LINEAR}.
     * Plain {@code INTER_NEAREST} (the reference's choice) samples at {@code floor(x * scale)}
     * and so shifts the mask by up to half a pixel against the image.
     */
    static int forResize(boolean mask) {
        return mask ? INTER_NEAREST_EXACT : INTER_LINEAR;
    }

    /**
     * For {@code warpAffine}: linear for images, nearest for masks. Both round the same
     * back-projected coordinate, so here plain nearest is aligned with the image.
     */
    static int forWarp(boolean mask) {
        return mask ? INTER_NEAREST : INTER_LINEAR;
    }
}
