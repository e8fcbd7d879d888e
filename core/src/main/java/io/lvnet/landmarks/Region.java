package io.lvnet.landmarks;

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

    /** {@code [x, y, width, height]}. */
    public int[] toXywh() {
        return new int[] {left, top, width(), height()};
    }
}
