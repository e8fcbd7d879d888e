package io.lvnet.synth;

import io.lvnet.blend.Rng;

/**
 * The appearance of one synthetic person: face shape, skin, eyes, brows, nose, mouth, hair,
 * clothing. Lengths are in face units (1 = half the width of the face); colours are BGR in
 * 0..255. An identity is fixed for all its clips, so that splitting by identity keeps a person
 * out of two splits, and so that an identity swap really changes who is shown.
 *
 * @param faceHeight half the face height (forehead top to chin), in face units
 * @param jawWidth width of the jaw relative to the cheeks (smaller: pointier chin)
 * @param skin skin colour (BGR)
 * @param skinTexture amplitude of the skin's blotch and pore texture (fraction of the colour)
 * @param freckles how many freckles or spots
 * @param blush strength of the cheeks' redness
 * @param textureSeed seed of the identity's skin texture, the same in every frame
 * @param eyeSpacing half the distance between the eye centres
 * @param eyeY height of the eye centres (negative: above the face centre)
 * @param eyeWidth half the width of an eye
 * @param eyeHeight half the height of an open eye
 * @param eyeTilt tilt of the eyes (radians; positive: outer corners up)
 * @param iris iris colour (BGR)
 * @param browGap distance from the eye centre up to the brow
 * @param browThickness brow thickness
 * @param browArch height of the brow's arch
 * @param browLength half the length of a brow
 * @param brow brow colour (BGR)
 * @param noseY height of the nose tip (below the face centre)
 * @param noseWidth half the width of the nose at the nostrils
 * @param noseDepth how far the nose tip stands out of the face
 * @param mouthY height of the mouth line
 * @param mouthWidth half the width of the mouth
 * @param upperLip upper lip thickness
 * @param lowerLip lower lip thickness
 * @param lips lip colour (BGR)
 * @param hair hair colour (BGR)
 * @param hairline the shape of the hair line
 * @param hairlineY height of the hair line at the middle of the forehead (negative, face units)
 * @param hairVolume how far the hair stands off the head
 * @param hairLength how far long hair falls below the face centre (0: short hair)
 * @param earSize half the height of an ear
 * @param clothing clothing colour (BGR)
 * @param stripes whether the clothing is striped
 */
public record Identity(
        double faceHeight, double jawWidth,
        double[] skin, double skinTexture, int freckles, double blush, long textureSeed,
        double eyeSpacing, double eyeY, double eyeWidth, double eyeHeight, double eyeTilt, double[] iris,
        double browGap, double browThickness, double browArch, double browLength, double[] brow,
        double noseY, double noseWidth, double noseDepth,
        double mouthY, double mouthWidth, double upperLip, double lowerLip, double[] lips,
        double[] hair, Hairline hairline, double hairlineY, double hairVolume, double hairLength,
        double earSize, double[] clothing, boolean stripes) {

    /** Shapes of the hair line, from a straight fringe to none at all. */
    public enum Hairline { STRAIGHT, ROUNDED, WIDOWS_PEAK, SIDE_PART, RECEDING, BALD }

    /** Skin tones from very light to very dark (RGB), interpolated for variety. */
    private static final double[][] SKIN_RGB = {
        {255, 224, 200}, {241, 198, 168}, {226, 176, 138}, {200, 140, 104},
        {166, 110, 76}, {128, 84, 58}, {96, 62, 44}};
    private static final double[][] HAIR_RGB = {
        {28, 22, 20}, {58, 40, 30}, {98, 68, 46}, {150, 112, 74}, {214, 184, 128},
        {150, 66, 34}, {160, 158, 156}, {225, 222, 216}, {42, 34, 30}};
    private static final double[][] IRIS_RGB = {
        {84, 52, 30}, {44, 30, 22}, {70, 110, 160}, {82, 122, 84}, {120, 130, 140}, {124, 92, 52}};

    /** A random identity; every draw comes from {@code rng}. */
    public static Identity random(Rng rng) {
        double[] skin = skinTone(rng.uniform(0, 1), rng);
        double[] hair = jitter(bgr(rng.pick(HAIR_RGB)), 14, rng);
        double[] brow = scale(hair, rng.uniform(0.45, 0.8));
        double[] lips = new double[] {skin[0] * 0.72, skin[1] * 0.62, Math.min(255, skin[2] * 0.9 + 10)};
        double[] clothing = new double[] {rng.uniform(10, 245), rng.uniform(10, 245), rng.uniform(10, 245)};
        Hairline[] lines = Hairline.values();
        Hairline hairline = rng.chance(0.08) ? Hairline.BALD : lines[rng.nextInt(lines.length - 1)];
        double faceHeight = rng.uniform(1.22, 1.42);
        return new Identity(
                faceHeight, rng.uniform(0.6, 0.9),
                skin, rng.uniform(0.02, 0.07), rng.chance(0.3) ? rng.between(5, 40) : 0, rng.uniform(0, 0.12),
                rng.nextLong(),
                rng.uniform(0.37, 0.45), rng.uniform(-0.24, -0.12), rng.uniform(0.14, 0.18), rng.uniform(0.07, 0.095),
                rng.uniform(-0.08, 0.1), jitter(bgr(rng.pick(IRIS_RGB)), 10, rng),
                rng.uniform(0.13, 0.19), rng.uniform(0.045, 0.08), rng.uniform(0.02, 0.07), rng.uniform(0.16, 0.21), brow,
                rng.uniform(0.3, 0.42), rng.uniform(0.12, 0.17), rng.uniform(0.3, 0.5),
                rng.uniform(0.62, 0.76), rng.uniform(0.26, 0.36), rng.uniform(0.035, 0.06), rng.uniform(0.045, 0.075),
                lips,
                hair, hairline, -faceHeight * rng.uniform(0.55, 0.72), rng.uniform(0.06, 0.22),
                rng.chance(0.4) ? rng.uniform(0.3, 1.8) : 0,
                rng.uniform(0.2, 0.26), clothing, rng.chance(0.3));
    }

    private static double[] skinTone(double t, Rng rng) {
        double pos = t * (SKIN_RGB.length - 1);
        int i = Math.min((int) pos, SKIN_RGB.length - 2);
        double f = pos - i;
        double[] rgb = new double[3];
        for (int c = 0; c < 3; c++) {
            rgb[c] = SKIN_RGB[i][c] * (1 - f) + SKIN_RGB[i + 1][c] * f;
        }
        return jitter(bgr(rgb), 6, rng);
    }

    private static double[] bgr(double[] rgb) {
        return new double[] {rgb[2], rgb[1], rgb[0]};
    }

    private static double[] jitter(double[] c, double amount, Rng rng) {
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = Math.max(0, Math.min(255, c[i] + rng.uniform(-amount, amount)));
        }
        return out;
    }

    static double[] scale(double[] c, double f) {
        return new double[] {c[0] * f, c[1] * f, c[2] * f};
    }
}
