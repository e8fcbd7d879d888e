package io.lvnet.synth;

import io.lvnet.blend.ValueNoise;

import io.lvnet.blend.Rng;

import io.lvnet.blend.Draw;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A cluttered scene behind the person: a lit wall, furniture-like blocks, frames, round and
 * irregular objects, lines, texture, and sometimes depth-of-field blur. One background is drawn
 * per clip and shared by the clip's real frames and every fake made from them, so background
 * content and colour carry no information about the label.
 */
public final class Background {
    private final int size;
    private final float[] bgr;

    private Background(int size, float[] bgr) {
        this.size = size;
        this.bgr = bgr;
    }

    /** Side length in pixels. */
    public int size() {
        return size;
    }

    /**
     * Draws a random background.
     *
     * @param rng the clip's stream
     * @param size side length in pixels (the resolution faces are drawn at)
     */
    public static Background random(Rng rng, int size) {
        float[] px = new float[size * size * 3];
        double[] top = colour(rng);
        double[] bottom = mixed(colour(rng), top, rng.uniform(0, 0.7));
        double horizon = rng.chance(0.4) ? rng.uniform(0.55, 0.95) : 2;
        double[] floor = colour(rng);
        for (int y = 0; y < size; y++) {
            double t = (double) y / size;
            double[] c = t > horizon ? floor : mixed(bottom, top, t);
            for (int x = 0; x < size; x++) {
                int i = (y * size + x) * 3;
                px[i] = (float) c[0];
                px[i + 1] = (float) c[1];
                px[i + 2] = (float) c[2];
            }
        }
        try (PointerScope scope = new PointerScope()) {
            Mat m = new Mat(size, size, CV_32FC3);
            FloatPointer data = new FloatPointer(m.data());
            data.put(px);
            int shapes = rng.between(12, 40);
            for (int k = 0; k < shapes; k++) {
                shape(m, rng, size);
            }
            data.get(px);
            texture(px, size, rng);
            double blur = rng.chance(0.5) ? rng.uniform(0.3, 2.5) * size / 299.0 : 0;
            if (blur > 0.2) {
                data.put(px);
                GaussianBlur(m, m, new Size(0, 0), blur);
                data.get(px);
            }
        }
        return new Background(size, px);
    }

    /** A new float BGR matrix holding a copy of the background (within the caller's scope). */
    Mat toMat() {
        Mat m = new Mat(size, size, CV_32FC3);
        new FloatPointer(m.data()).put(bgr);
        return m;
    }

    private static void shape(Mat m, Rng rng, int size) {
        double[] c = colour(rng);
        double cx = rng.uniform(-0.1, 1.1) * size;
        double cy = rng.uniform(-0.1, 1.1) * size;
        double r = rng.uniform(0.03, 0.3) * size;
        switch (rng.nextInt(6)) {
            case 0 -> Draw.fill(m, rotatedRect(cx, cy, r, r * rng.uniform(0.3, 2.5),
                    rng.chance(0.6) ? 0 : rng.uniform(-0.5, 0.5)), c);
            case 1 -> Draw.fill(m, Draw.ellipse(cx, cy, r, r * rng.uniform(0.4, 1.0), rng.uniform(0, Math.PI), 40), c);
            case 2 -> {
                int n = rng.between(3, 7);
                double[][] pts = new double[n][];
                for (int i = 0; i < n; i++) {
                    double a = 2 * Math.PI * i / n + rng.uniform(-0.3, 0.3);
                    double rr = r * rng.uniform(0.5, 1.2);
                    pts[i] = new double[] {cx + rr * Math.cos(a), cy + rr * Math.sin(a)};
                }
                Draw.fill(m, pts, c);
            }
            case 3 -> Draw.line(m, new double[][] {{cx, cy}, {cx + rng.uniform(-1, 1) * size, cy + rng.uniform(-1, 1) * size}},
                    false, (int) Math.max(1, rng.uniform(0.003, 0.03) * size), c);
            case 4 -> Draw.line(m, rotatedRect(cx, cy, r, r * rng.uniform(0.5, 1.6), 0), true,
                    (int) Math.max(1, rng.uniform(0.005, 0.03) * size), c);
            default -> {
                // a shelf of books or a striped object: a row of narrow blocks
                int n = rng.between(3, 9);
                double w = r / n;
                double h = r * rng.uniform(0.4, 1.0);
                for (int i = 0; i < n; i++) {
                    double hh = h * rng.uniform(0.7, 1.0);
                    Draw.fill(m, new double[][] {{cx + i * w, cy}, {cx + (i + 0.85) * w, cy},
                        {cx + (i + 0.85) * w, cy - hh}, {cx + i * w, cy - hh}}, colour(rng));
                }
            }
        }
    }

    private static double[][] rotatedRect(double cx, double cy, double w, double h, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double[][] corners = {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
        double[][] out = new double[4][];
        for (int i = 0; i < 4; i++) {
            out[i] = new double[] {cx + corners[i][0] * c - corners[i][1] * s, cy + corners[i][0] * s + corners[i][1] * c};
        }
        return out;
    }

    /** Slow illumination changes and fine grain over the whole scene. */
    private static void texture(float[] px, int size, Rng rng) {
        ValueNoise light = new ValueNoise(rng, 5, 5);
        ValueNoise grain = new ValueNoise(rng, 97, 97);
        double lightAmp = rng.uniform(0.05, 0.25);
        double grainAmp = rng.uniform(0.0, 0.08);
        double lightCells = 4.0 / size;
        double grainCells = rng.uniform(0.1, 0.5) * 299.0 / size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double f = (1 + lightAmp * light.at(x * lightCells, y * lightCells))
                        * (1 + grainAmp * grain.at(x * grainCells, y * grainCells));
                int i = (y * size + x) * 3;
                px[i] = (float) Math.min(255, px[i] * f);
                px[i + 1] = (float) Math.min(255, px[i + 1] * f);
                px[i + 2] = (float) Math.min(255, px[i + 2] * f);
            }
        }
    }

    /** A random colour: any hue, any brightness, mostly moderate saturation. */
    private static double[] colour(Rng rng) {
        double v = rng.uniform(20, 250);
        double sat = rng.chance(0.2) ? rng.uniform(0.5, 0.9) : rng.uniform(0, 0.45);
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            c[i] = v * (1 - sat * rng.uniform(0, 1));
        }
        return c;
    }

    private static double[] mixed(double[] a, double[] b, double t) {
        return new double[] {a[0] * (1 - t) + b[0] * t, a[1] * (1 - t) + b[1] * t, a[2] * (1 - t) + b[2] * t};
    }
}
