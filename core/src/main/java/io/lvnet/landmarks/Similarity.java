package io.lvnet.landmarks;

/**
 * The least-squares similarity (rotation, uniform scale; Umeyama 1991) that maps one shape
 * onto another, dlib's {@code find_tform_between_shapes}; only its 2x2 matrix is needed.
 *
 * <p>dlib takes the matrix from an SVD of the shapes' cross-covariance. In two dimensions the
 * same matrix has a closed form: for the covariance {@code [[a, b], [c, d]]} of the centred
 * target against the centred source and the source's variance {@code s}, it is
 * {@code [[a + d, b - c], [c - b, a + d]] / s} (the best rotation scaled by the sum of the
 * singular values, with the sign rule for reflections built in). Sums run in {@code double} in
 * dlib's order and the result is rounded to {@code float}, as dlib casts it. The source shape
 * (the model's initial shape) must not be a single point; the reader refuses such models.
 */
final class Similarity {
    private Similarity() {
    }

    /** The matrix, row-major in {@code out[0..3]}, mapping shape {@code from} onto shape {@code to}. */
    static void between(float[] from, float[] to, float[] out) {
        int n = from.length / 2;
        double mfx = 0;
        double mfy = 0;
        double mtx = 0;
        double mty = 0;
        for (int i = 0; i < n; i++) {
            mfx += from[2 * i];
            mfy += from[2 * i + 1];
            mtx += to[2 * i];
            mty += to[2 * i + 1];
        }
        mfx /= n;
        mfy /= n;
        mtx /= n;
        mty /= n;
        double sigma = 0;
        double a = 0;
        double b = 0;
        double c = 0;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double fx = from[2 * i] - mfx;
            double fy = from[2 * i + 1] - mfy;
            double tx = to[2 * i] - mtx;
            double ty = to[2 * i + 1] - mty;
            sigma += fx * fx + fy * fy;
            a += tx * fx;
            b += tx * fy;
            c += ty * fx;
            d += ty * fy;
        }
        // the 1/n of the covariance and of the variance cancel
        set(out, (a + d) / sigma, (b - c) / sigma, (c - b) / sigma, (a + d) / sigma);
    }

    private static void set(float[] out, double m00, double m01, double m10, double m11) {
        out[0] = (float) m00;
        out[1] = (float) m01;
        out[2] = (float) m10;
        out[3] = (float) m11;
    }
}
