package io.lvnet.data;

/**
 * Where the face is in a frame, in pixels: the box from cheek to cheek and from the forehead
 * just above the brows to the chin, the region a frontal face detector reports.
 *
 * @param x left edge (inclusive)
 * @param y top edge (inclusive)
 * @param width width, positive
 * @param height height, positive
 */
public record FaceBox(int x, int y, int width, int height) {
    public FaceBox {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("face box must have a positive size, got " + width + "x" + height);
        }
    }

    /** Intersection over union with another box (0 when they do not overlap). */
    public double iou(FaceBox o) {
        long ix = Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
        long iy = Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
        long inter = ix * iy;
        long union = (long) width * height + (long) o.width * o.height - inter;
        return union == 0 ? 0 : (double) inter / union;
    }
}
