package io.lvnet.augment;

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations; used for the
 * 3x3 colour covariance of {@link FancyPca}, where it converges in a handful of sweeps.
 */
final class SymmetricEigen {
    private static final int MAX_SWEEPS = 64;

    /** Eigenvalues, descending, and the matching unit eigenvectors as columns. */
    record Result(double[] values, double[][] vectors) {
    }

    private SymmetricEigen() {
    }

    /**
     * @param matrix a symmetric n x n matrix; not modified
     * @return eigenvalues in descending order, {@code vectors[i][k]} the i-th component of the
     *     k-th eigenvector
     */
    static Result decompose(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i] = matrix[i].clone();
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(a) > 0; sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(a, v, p, q);
                }
            }
        }
        return sorted(a, v);
    }

    /** One Jacobi rotation in the (p, q) plane that zeroes {@code a[p][q]}. */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double apq = a[p][q];
        if (apq == 0) {
            return;
        }
        double theta = (a[q][q] - a[p][p]) / (2 * apq);
        // the smaller root of t^2 + 2 theta t - 1 = 0, for stability
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
        // exact zeros keep later sweeps from chasing rounding noise
        a[p][q] = 0;
        a[q][p] = 0;
    }

    private static double offDiagonal(double[][] a) {
        double sum = 0;
        double diagonal = 0;
        for (int i = 0; i < a.length; i++) {
            diagonal += a[i][i] * a[i][i];
            for (int j = 0; j < a.length; j++) {
                if (i != j) {
                    sum += a[i][j] * a[i][j];
                }
            }
        }
        // converged when the off-diagonal part is negligible against the diagonal
        return sum > 1e-30 * diagonal ? sum : 0;
    }

    private static Result sorted(double[][] a, double[][] v) {
        int n = a.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (i, j) -> Double.compare(a[j][j], a[i][i]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = a[order[k]][order[k]];
            for (int i = 0; i < n; i++) {
                vectors[i][k] = v[i][order[k]];
            }
        }
        return new Result(values, vectors);
    }
}
