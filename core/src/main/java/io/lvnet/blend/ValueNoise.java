package io.lvnet.blend;


/**
 * Smooth random texture: random values on a lattice, interpolated with a smoothstep. Cheap to
 * evaluate per pixel, and a function of position only, so a texture can be glued to a moving
 * face by evaluating it at face coordinates.
 */
public final class ValueNoise {
    private final int width;
    private final int height;
    private final float[] lattice;

    /** A lattice of {@code width x height} values in [-1, 1]. */
    public ValueNoise(Rng rng, int width, int height) {
        this.width = width;
        this.height = height;
        this.lattice = new float[width * height];
        for (int i = 0; i < lattice.length; i++) {
            lattice[i] = (float) rng.uniform(-1, 1);
        }
    }

    /**
     * The value at a position given in lattice cells (wraps around at the edges).
     */
    public double at(double u, double v) {
        // evaluated for every pixel of a face: floor and modulo by hand, without Math.floorMod
        int iu = (int) u;
        if (u < iu) {
            iu--;
        }
        int iv = (int) v;
        if (v < iv) {
            iv--;
        }
        int x0 = iu % width;
        if (x0 < 0) {
            x0 += width;
        }
        int y0 = iv % height;
        if (y0 < 0) {
            y0 += height;
        }
        int x1 = x0 + 1 == width ? 0 : x0 + 1;
        int y1 = y0 + 1 == height ? 0 : y0 + 1;
        double tx = smooth(u - iu);
        double ty = smooth(v - iv);
        double a = lattice[y0 * width + x0] * (1 - tx) + lattice[y0 * width + x1] * tx;
        double b = lattice[y1 * width + x0] * (1 - tx) + lattice[y1 * width + x1] * tx;
        return a * (1 - ty) + b * ty;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }
}
