package io.lvnet.detect;

/**
 * A face's look in 192 numbers, enough to tell the people of one video apart when their boxes
 * jump: the crop's colour at 8 x 8, less each channel's mean, as a unit vector (so that brightness
 * and contrast matter less than the layout of the face).
 */
final class Appearance {
    static final int SIDE = 8;

    private Appearance() {
    }

    /** The signature of a {@code size x size x 3} RGB crop. */
    static float[] of(byte[] rgb, int size) {
        float[] v = new float[SIDE * SIDE * 3];
        int cell = Math.max(1, size / SIDE);
        for (int cy = 0; cy < SIDE; cy++) {
            for (int cx = 0; cx < SIDE; cx++) {
                for (int c = 0; c < 3; c++) {
                    double sum = 0;
                    int n = 0;
                    for (int y = cy * cell; y < Math.min(size, (cy + 1) * cell); y++) {
                        for (int x = cx * cell; x < Math.min(size, (cx + 1) * cell); x++) {
                            sum += rgb[3 * (y * size + x) + c] & 0xFF;
                            n++;
                        }
                    }
                    v[3 * (cy * SIDE + cx) + c] = n == 0 ? 0 : (float) (sum / n);
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            double mean = 0;
            for (int i = c; i < v.length; i += 3) {
                mean += v[i];
            }
            mean /= SIDE * SIDE;
            for (int i = c; i < v.length; i += 3) {
                v[i] -= (float) mean;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 1e-6) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) norm;
            }
        }
        return v;
    }

    /** Cosine similarity of two signatures, in [-1, 1]. */
    static double similarity(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
