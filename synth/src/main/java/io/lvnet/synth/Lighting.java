package io.lvnet.synth;

import io.lvnet.blend.Rng;

/**
 * The light of a clip: a directional light on the face (which side is lit), the ambient share,
 * and the colour cast of the whole scene. Drawn per clip from one distribution for real and fake
 * alike, so that the global colour of a frame says nothing about its label.
 *
 * @param direction unit vector towards the light (x right, y down, z towards the camera)
 * @param ambient share of light that does not depend on the surface direction (0..1)
 * @param tint per-channel gain of the whole frame (BGR)
 * @param noise standard deviation of the camera's sensor noise (0..255 scale)
 */
public record Lighting(double[] direction, double ambient, double[] tint, double noise) {

    /** A random light for a clip. */
    public static Lighting random(Rng rng) {
        double azimuth = rng.uniform(-1.0, 1.0);
        double elevation = rng.uniform(-0.5, 0.15);
        double lz = rng.uniform(0.75, 1.4);
        double[] d = {Math.sin(azimuth), elevation, lz};
        double n = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        double warm = rng.uniform(-0.12, 0.12);
        double gain = rng.uniform(0.8, 1.12);
        double[] tint = {gain * (1 - warm + rng.uniform(-0.04, 0.04)), gain * (1 + rng.uniform(-0.04, 0.04)),
            gain * (1 + warm + rng.uniform(-0.04, 0.04))};
        return new Lighting(new double[] {d[0] / n, d[1] / n, d[2] / n}, rng.uniform(0.45, 0.7), tint,
                rng.uniform(1.0, 3.0));
    }
}
