package io.lvnet.data;

/**
 * A detected face: an axis-aligned box in pixel coordinates of the image it was found in
 * (OpenCV convention: {@code x, y} is the top-left pixel, the right and bottom edges
 * {@code x + width} and {@code y + height} are exclusive) and the detector's score.
 *
 * @param x left edge
 * @param y top edge
 * @param width box width, at least 1
 * @param height box height, at least 1
 * @param score the detector's confidence; its scale depends on the detector (a probability
 *     for the DNN detectors, a count of merged neighbour detections for the cascade), so
 *     compare scores only between boxes of the same detector
 */
public record FaceBox(int x, int y, int width, int height, double score) {
    /** Rejects empty boxes, which no detector reports and no crop can be made from. */
    public FaceBox {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("face box must have a positive size, got "
                    + width + "x" + height);
        }
    }

    /** The box area in pixels, as a {@code long} so that it cannot overflow. */
    /** A box known to be a face (ground truth), score 1. */
    public FaceBox(int x, int y, int width, int height) {
        this(x, y, width, height, 1.0);
    }

    /** Intersection over union with another box. */
    public double iou(FaceBox o) {
        long ix = Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
        long iy = Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
        long inter = ix * iy;
        long union = area() + o.area() - inter;
        return union == 0 ? 0 : (double) inter / union;
    }

    public long area() {
        return (long) width * height;
    }

    /**
     * The face a crop holds when it was cut {@code scale} times the face around it: the
     * centred square of side {@code min(width, height) / scale}, at least 1 pixel.
     */
    public static FaceBox centred(int width, int height, double scale) {
        int size = Math.min(width, height);
        int side = Math.max(1, (int) Math.round(size / scale));
        return new FaceBox((width - side) / 2, (height - side) / 2, side, side);
    }
}
