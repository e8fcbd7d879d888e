package io.lvnet.landmarks;

/**
 * The pixels one cascade compares, each tied to a landmark of the mean shape: pixel {@code i}
 * lies at {@code delta[i]} from point {@code anchor[i]} of the initial shape, in the
 * normalised frame where the face box runs from (0, 0) to (1, 1).
 *
 * <p>On a face, the offsets follow the current shape: they are turned and scaled by the
 * similarity that best maps the initial shape onto the current one, added to the anchor's
 * current position, mapped into the picture by the face box, rounded to the nearest pixel
 * ({@code floor(v + 0.5)}), and read as that pixel's intensity, or 0 outside the picture
 * ({@code extract_feature_pixel_values} in dlib's {@code shape_predictor.h}). Offsets are
 * turned in {@code float} and mapped into the picture in {@code double}, as dlib does, so that
 * pixels land where dlib's land.
 */
final class FeaturePixels {
    private final int[] anchor;
    private final float[] dx;
    private final float[] dy;

    FeaturePixels(int[] anchor, float[] dx, float[] dy) {
        if (dx.length != anchor.length || dy.length != anchor.length) {
            throw new IllegalArgumentException("anchors and offsets differ in number");
        }
        this.anchor = anchor;
        this.dx = dx;
        this.dy = dy;
    }

    int size() {
        return anchor.length;
    }

    int maxAnchor() {
        int max = -1;
        for (int a : anchor) {
            max = Math.max(max, a);
        }
        return max;
    }

    /**
     * Reads the pixels into {@code values}.
     *
     * @param tform the similarity's 2x2 matrix, row-major, from {@link Similarity#between}
     * @param shape the current shape, normalised
     * @param box where the face box lies in the picture
     */
    void read(GrayImage image, float[] tform, float[] shape, FaceFrame box, float[] values) {
        float m00 = tform[0];
        float m01 = tform[1];
        float m10 = tform[2];
        float m11 = tform[3];
        int width = image.width();
        int height = image.height();
        for (int i = 0; i < anchor.length; i++) {
            int a = 2 * anchor[i];
            float nx = (m00 * dx[i] + m01 * dy[i]) + shape[a];
            float ny = (m10 * dx[i] + m11 * dy[i]) + shape[a + 1];
            double px = Math.floor(box.x(nx) + 0.5);
            double py = Math.floor(box.y(ny) + 0.5);
            values[i] = px >= 0 && py >= 0 && px < width && py < height ? image.at((int) px, (int) py) : 0f;
        }
    }
}
