package io.lvnet.landmarks;

import java.util.Arrays;

/**
 * The landmarks of one face, in whole pixels of the picture as dlib reports them, in dlib's
 * 68-point order (see {@link FacialPart}).
 */
public final class Landmarks {
    /** Points in dlib's face model. */
    public static final int POINTS = 68;
    /** The margin the reference adds around a part's points for its reference region. */
    public static final int REFERENCE_MARGIN = 5;

    private final int[] xy;

    /** Points as {@code x0, y0, x1, y1, ...}. */
    public Landmarks(int[] xy) {
        if (xy.length == 0 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("landmarks need x, y pairs, got " + xy.length + " values");
        }
        this.xy = xy.clone();
    }

    /** Number of points. */
    public int size() {
        return xy.length / 2;
    }

    /** Column of point {@code point}. */
    public int x(int point) {
        return xy[2 * point];
    }

    /** Row of point {@code point}. */
    public int y(int point) {
        return xy[2 * point + 1];
    }

    /** The points as {@code [[x, y], ...]}. */
    public int[][] points() {
        int[][] out = new int[size()][];
        for (int i = 0; i < size(); i++) {
            out[i] = new int[] {x(i), y(i)};
        }
        return out;
    }

    /** The points of one part, as {@code [[x, y], ...]}. */
    public int[][] points(FacialPart part) {
        requireFaceModel();
        return Arrays.copyOfRange(points(), part.first(), part.last() + 1);
    }

    /**
     * The region the reference ({@code datasets/util.py} of Locate-and-Verify) marks for a part:
     * the box around the part's points widened by {@code margin} pixels, as the NumPy slice
     * {@code [min - margin, max + margin)} in each direction, so it covers {@code margin} pixels
     * before the leftmost point and {@code margin - 1} after the rightmost. Two choices of the
     * reference are kept: the nose's region spans points 27-34 (its table's half-open range
     * (27, 35) leaves out 35), and the eyes' runs from the leftmost x of the right eye to the
     * rightmost x of the left eye (the box of both eyes on any frontal face). Jaw and brows,
     * which the reference does not use, get the box around their points.
     *
     * <p>The region is not clipped; the reference's slice wraps a negative start around the
     * picture, which {@link Region#clip} does not imitate.
     */
    public Region region(FacialPart part, int margin) {
        requireFaceModel();
        return switch (part) {
            case NOSE -> box(27, 34, 27, 34, margin);
            case EYES -> box(36, 41, 42, 47, margin);
            default -> box(part.first(), part.last(), part.first(), part.last(), margin);
        };
    }

    /** Left edge from points {@code a..b}, right edge from {@code c..d}, top and bottom from both. */
    private Region box(int a, int b, int c, int d, int margin) {
        int minX = Integer.MAX_VALUE;
        int maxX = Integer.MIN_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxY = Integer.MIN_VALUE;
        for (int i = a; i <= b; i++) {
            minX = Math.min(minX, x(i));
            minY = Math.min(minY, y(i));
            maxY = Math.max(maxY, y(i));
        }
        for (int i = c; i <= d; i++) {
            maxX = Math.max(maxX, x(i));
            minY = Math.min(minY, y(i));
            maxY = Math.max(maxY, y(i));
        }
        return new Region(minX - margin, minY - margin, maxX + margin, maxY + margin);
    }

    private void requireFaceModel() {
        if (size() != POINTS) {
            throw new IllegalStateException("facial parts need dlib's 68-point layout, these landmarks have " + size() + " points");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Landmarks l && Arrays.equals(xy, l.xy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        return "Landmarks" + Arrays.deepToString(points());
    }
}
