package io.lvnet.calibrate;

/**
 * Temperature scaling (Guo et al. 2017) of a two-class network: the fake probability becomes
 * {@code sigmoid(margin / T)}, where the margin is the fake logit minus the real logit (the
 * softmax's own probability is {@code sigmoid(margin)}, T = 1). One parameter, strictly
 * increasing in the margin, so faces keep their order and every ranking measure (AUC, the ROC)
 * is unchanged.
 *
 * @param temperature T, positive
 */
public record TemperatureScaling(double temperature) {
    /** Temperatures are searched in [1/MAX_INVERSE, 1/MIN_INVERSE]. */
    static final double MIN_INVERSE = 1e-3;
    static final double MAX_INVERSE = 1e3;

    public TemperatureScaling {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
    }

    /**
     * The temperature that minimises the mean negative log-likelihood of {@code labels} (1 =
     * fake) given {@code margins}. The likelihood is convex in 1/T, so its derivative is
     * increasing and its root is found by bisection (on log 1/T) to double precision. Faces
     * that are perfectly separated push T towards 0; it stops at 1/{@value #MAX_INVERSE}.
     *
     * @throws IllegalArgumentException when the margins do not rank fakes above real faces at
     *     all (the best T would be infinite or negative)
     */
    public static TemperatureScaling fit(double[] margins, int[] labels) {
        if (margins.length != labels.length || margins.length == 0) {
            throw new IllegalArgumentException(margins.length + " margins for " + labels.length + " labels");
        }
        double lo = Math.log(MIN_INVERSE);
        double hi = Math.log(MAX_INVERSE);
        if (slope(margins, labels, Math.exp(lo)) >= 0) {
            throw new IllegalArgumentException("the scores do not rank fakes above real faces: no temperature fits");
        }
        if (slope(margins, labels, Math.exp(hi)) <= 0) {
            return new TemperatureScaling(1 / MAX_INVERSE);
        }
        for (int i = 0; i < 200 && hi - lo > 1e-15; i++) {
            double mid = (lo + hi) / 2;
            if (slope(margins, labels, Math.exp(mid)) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new TemperatureScaling(1 / Math.exp((lo + hi) / 2));
    }

    /** The calibrated fake probability of a face with this logit margin. */
    public double probability(double margin) {
        return Logistic.sigmoid(margin / temperature);
    }

    /** The calibrated fake probabilities of many margins. */
    public double[] probabilities(double[] margins) {
        double[] out = new double[margins.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = probability(margins[i]);
        }
        return out;
    }

    /** Mean negative log-likelihood of the labels under this temperature. */
    public double negativeLogLikelihood(double[] margins, int[] labels) {
        double sum = 0;
        for (int i = 0; i < margins.length; i++) {
            sum += Logistic.negativeLogLikelihood(margins[i] / temperature, labels[i]);
        }
        return sum / margins.length;
    }

    /** d/d(beta) of the mean negative log-likelihood at inverse temperature beta. */
    private static double slope(double[] z, int[] y, double beta) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            sum += (Logistic.sigmoid(beta * z[i]) - y[i]) * z[i];
        }
        return sum / z.length;
    }
}
