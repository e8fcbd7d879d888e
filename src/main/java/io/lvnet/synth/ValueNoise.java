package io.lvnet.synth;

/**
 * Smooth random texture: random values on a lattice, interpolated with a smoothstep. Cheap to
 * evaluate per pixel, and a function of position only, so a texture can be glued to a moving
 * face by evaluating it at face coordinates.
 */
final class ValueNoise {
    private final int width;
    private final int height;
    private final float[] lattice;

    /** A lattice of {@code width x height} values in [-1, 1]. */
    ValueNoise(Rng rng, int width, int height) {
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
    double at(double u, double v) {
        double fu = Math.floor(u);
        double fv = Math.floor(v);
        int x0 = Math.floorMod((int) fu, width);
        int y0 = Math.floorMod((int) fv, height);
        int x1 = (x0 + 1) % width;
        int y1 = (y0 + 1) % height;
        double tx = smooth(u - fu);
        double ty = smooth(v - fv);
        double a = lattice[y0 * width + x0] * (1 - tx) + lattice[y0 * width + x1] * tx;
        double b = lattice[y1 * width + x0] * (1 - tx) + lattice[y1 * width + x1] * tx;
        return a * (1 - ty) + b * ty;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }
}
