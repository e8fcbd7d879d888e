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
        return region("mouth", face, size);
    }

    /** The eyes region. */
    public static Raster eyes(FaceBox face, int size) {
        return region("eyes", face, size);
    }

    /** The nose region. */
    public static Raster nose(FaceBox face, int size) {
        return region("nose", face, size);
    }

    /** A part's region ({@code mouth}, {@code eyes} or {@code nose}) of a {@code size x size} crop. */
    public static Raster region(String part, FaceBox face, int size) {
        int[] r = rectangle(part, face);
        int x0 = bound(r[0], size);
        int y0 = bound(r[1], size);
        int x1 = bound(r[2], size);
        int y1 = bound(r[3], size);
        byte[] data = new byte[size * size];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                data[y * size + x] = (byte) 255;
            }
        }
        return new Raster(size, size, 1, data);
    }

    /**
     * A part's rectangle in the picture's pixels, {@code [left, top, right, bottom)}, right and
     * bottom exclusive, not clipped to any picture.
     *
     * @param part {@code mouth}, {@code eyes} or {@code nose}
     */
    public static int[] rectangle(String part, FaceBox face) {
        return switch (part) {
            case "mouth" -> rect(face, 0.25, 0.68, 0.75, 0.95);
            case "eyes" -> rect(face, 0.15, 0.20, 0.85, 0.45);
            case "nose" -> rect(face, 0.35, 0.35, 0.65, 0.70);
            default -> throw new IllegalArgumentException("unknown region '" + part + "' (mouth, eyes or nose)");
        };
    }

    private static int[] rect(FaceBox f, double fx0, double fy0, double fx1, double fy1) {
        return new int[] {(int) Math.round(f.x() + fx0 * f.width()), (int) Math.round(f.y() + fy0 * f.height()),
                (int) Math.round(f.x() + fx1 * f.width()), (int) Math.round(f.y() + fy1 * f.height())};
    }

    private static int bound(int v, int size) {
        return Math.max(0, Math.min(size, v));
    }
}
