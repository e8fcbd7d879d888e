package io.lvnet.data;


/**
 * Reference regions (mouth, eyes, nose) for data without landmarks, as fixed rectangles of
 * the face box (fractions of its width and height from its top-left corner; the cascade's
 * box runs from about the brows to the chin):
 *
 * <pre>
 * eyes   x 0.15..0.85, y 0.20..0.45
 * nose   x 0.35..0.65, y 0.35..0.70
 * mouth  x 0.25..0.75, y 0.68..0.95
 * </pre>
 *
 * Coarse by design: they mark where the parts usually are in a frontal face, which is what the
 * semi-supervised patch labels need, not their outlines.
 */
public final class GeometricRegions {
    private GeometricRegions() {
    }

    /** The mouth region of a {@code size x size} crop with the given face box. */
    public static Raster mouth(FaceBox face, int size) {
        return rect(face, size, 0.25, 0.68, 0.75, 0.95);
    }

    /** The eyes region. */
    public static Raster eyes(FaceBox face, int size) {
        return rect(face, size, 0.15, 0.20, 0.85, 0.45);
    }

    /** The nose region. */
    public static Raster nose(FaceBox face, int size) {
        return rect(face, size, 0.35, 0.35, 0.65, 0.70);
    }

    private static Raster rect(FaceBox f, int size, double fx0, double fy0, double fx1, double fy1) {
        int x0 = bound(f.x() + fx0 * f.width(), size);
        int x1 = bound(f.x() + fx1 * f.width(), size);
        int y0 = bound(f.y() + fy0 * f.height(), size);
        int y1 = bound(f.y() + fy1 * f.height(), size);
        byte[] data = new byte[size * size];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                data[y * size + x] = (byte) 255;
            }
        }
        return new Raster(size, size, 1, data);
    }

    private static int bound(double v, int size) {
        return (int) Math.max(0, Math.min(size, Math.round(v)));
    }
}
