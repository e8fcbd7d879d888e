package io.lvnet.augment;

import java.util.random.RandomGenerator;

/**
 * "Fancy PCA" colour augmentation (Krizhevsky et al., 2012), as the reference's
 * {@code FancyPCA}: the principal components of the image's own RGB distribution (values
 * scaled to [0, 1]) are found, and every pixel is shifted by
 * {@code 255 * sum_k alpha * lambda_k * p_k}, with eigenvalues {@code lambda_k},
 * eigenvectors {@code p_k} and one {@code alpha} drawn from N(0, 0.1^2) per image. Results
 * are clamped and truncated to 8 bits. Image only; one of the recipe's three colour transforms.
 *
 * <p>Deliberate difference: the reference multiplies by the transposed eigenvector matrix,
 * whose result depends on the sign convention of its eigen solver; this class adds the
 * documented combination of the eigenvectors instead, which does not.
 */
public final class FancyPca implements Transform {
    private final double alphaStd;

    /** The recipe's (the reference's default) strength: alpha ~ N(0, 0.1^2). */
    public FancyPca() {
        this(0.1);
    }

    /**
     * @param alphaStd standard deviation of the per-image factor alpha, non-negative
     */
    public FancyPca(double alphaStd) {
        if (!(alphaStd >= 0)) {
            throw new IllegalArgumentException("alpha standard deviation must be non-negative, got " + alphaStd);
        }
        this.alphaStd = alphaStd;
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        return shift(sample, alphaStd * random.nextGaussian());
    }

    /**
     * @param sample the input
     * @param alpha the factor on every eigenvalue
     * @return the sample with the shifted image, masks unchanged
     */
    public static Sample shift(Sample sample, double alpha) {
        double[] offset = offset(sample.rgbData(), alpha);
        byte[][] tables = new byte[3][256];
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                tables[c][v] = Lookup.clipTruncate(v + offset[c] * 255);
            }
        }
        return sample.withRgb(Lookup.apply(sample.rgbData(), tables[0], tables[1], tables[2]));
    }

    /** The colour offset {@code sum_k alpha * lambda_k * p_k}, in [0, 1] units. */
    static double[] offset(byte[] rgb, double alpha) {
        SymmetricEigen.Result eigen = SymmetricEigen.decompose(covariance(rgb));
        double[] offset = new double[3];
        for (int k = 0; k < 3; k++) {
            for (int c = 0; c < 3; c++) {
                offset[c] += eigen.vectors()[c][k] * alpha * eigen.values()[k];
            }
        }
        return offset;
    }

    /** Sample covariance (divisor n - 1, as NumPy's {@code cov}) of the channels scaled to [0, 1]. */
    static double[][] covariance(byte[] rgb) {
        int n = rgb.length / 3;
        double[] sum = new double[3];
        double[][] products = new double[3][3];
        for (int i = 0; i < rgb.length; i += 3) {
            int r = rgb[i] & 0xff;
            int g = rgb[i + 1] & 0xff;
            int b = rgb[i + 2] & 0xff;
            sum[0] += r;
            sum[1] += g;
            sum[2] += b;
            products[0][0] += r * r;
            products[0][1] += r * g;
            products[0][2] += r * b;
            products[1][1] += g * g;
            products[1][2] += g * b;
            products[2][2] += b * b;
        }
        double[][] cov = new double[3][3];
        if (n < 2) {
            return cov;
        }
        for (int i = 0; i < 3; i++) {
            for (int j = i; j < 3; j++) {
                // sums of integer products are exact in a double up to 2^53, far beyond any image
                double centred = products[i][j] - sum[i] * sum[j] / n;
                cov[i][j] = centred / (n - 1) / (255.0 * 255.0);
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }

    @Override
    public String toString() {
        return "FancyPca(" + alphaStd + ")";
    }
}
