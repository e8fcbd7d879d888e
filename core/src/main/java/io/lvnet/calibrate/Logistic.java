package io.lvnet.calibrate;

/** The logistic function and its log-likelihood, computed without overflow for any margin. */
final class Logistic {
    private Logistic() {
    }

    /** 1 / (1 + e^-x), for any finite x. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** log(1 + e^x) without overflow or loss for large |x|. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** Negative log-likelihood of label {@code y} (0 or 1) under probability sigmoid(s). */
    static double negativeLogLikelihood(double s, int y) {
        return y == 1 ? softplus(-s) : softplus(s);
    }
}
