package io.lvnet.landmarks;

/**
 * Maps the normalised shape frame into the picture: (0, 0) to the face rectangle's top-left
 * pixel and (1, 1) to its bottom-right pixel, dlib's {@code unnormalizing_tform}. dlib's
 * rectangles are inclusive, so the scale is {@code right - left}, not the width.
 */
record FaceFrame(double left, double top, double right, double bottom) {
    double x(float nx) {
        return (right - left) * nx + left;
    }

    double y(float ny) {
        return (bottom - top) * ny + top;
    }
}
