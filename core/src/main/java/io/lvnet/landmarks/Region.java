package io.lvnet.landmarks;

import io.lvnet.data.Raster;

/**
 * A rectangle of pixels: columns {@code left <= x < right}, rows {@code top <= y < bottom}
 * (the slice {@code mask[top:bottom, left:right]} of a NumPy image). It may reach past the
 * picture; {@link #clip} keeps what lies inside.
 */
public record Region(int left, int top, int right, int bottom) {
    /** Columns covered, 0 if none. */
    public int width() {
        return Math.max(0, right - left);
    }

    /** Rows covered, 0 if none. */
    public int height() {
        return Math.max(0, bottom - top);
    }

    /** Whether the region holds no pixel. */
    public boolean isEmpty() {
        return width() == 0 || height() == 0;
    }

    /** The part inside a {@code width x height} picture (empty when none is). */
    public Region clip(int width, int height) {
        int l = Math.max(0, Math.min(width, left));
        int t = Math.max(0, Math.min(height, top));
        return new Region(l, t, Math.max(l, Math.min(width, right)), Math.max(t, Math.min(height, bottom)));
    }

    /**
     * The pixels NumPy sets for {@code mask[top:bottom, left:right] = 255} on a
     * {@code width x height} picture, which is how the reference draws its regions: a negative
     * bound counts from the far edge (a region that starts 3 pixels left of the picture starts
     * 3 pixels before its right edge, which leaves it empty unless it reaches that far), bounds
     * past the picture stop at its edge, and a start at or after the end selects nothing.
     */
    public Region numpySlice(int width, int height) {
        int l = sliceBound(left, width);
        int t = sliceBound(top, height);
        int r = sliceBound(right, width);
        int b = sliceBound(bottom, height);
        return new Region(l, t, Math.max(l, r), Math.max(t, b));
    }

    /** One bound of a Python slice over {@code length} items, as CPython's {@code PySlice_AdjustIndices} resolves it. */
    private static int sliceBound(int v, int length) {
        if (v < 0) {
            return Math.max(0, v + length);
        }
        return Math.min(v, length);
    }

    /** The region as an 8-bit, 1-channel mask of a {@code width x height} picture: 255 inside, 0 elsewhere. */
    public Raster toMask(int width, int height) {
        Region r = clip(width, height);
        byte[] data = new byte[width * height];
        for (int y = r.top; y < r.bottom; y++) {
            java.util.Arrays.fill(data, y * width + r.left, y * width + r.right, (byte) 255);
        }
        return new Raster(width, height, 1, data);
    }

    /** {@code [x, y, width, height]}. */
    public int[] toXywh() {
        return new int[] {left, top, width(), height()};
    }
}
