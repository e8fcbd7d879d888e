package io.lvnet.train;

/**
 * Hyper-parameters of {@link Adam}, named as PyTorch's {@code torch.optim.Adam} names them.
 *
 * @param learningRate the initial learning rate (a schedule may change the optimizer's later)
 * @param beta1 decay of the first moment
 * @param beta2 decay of the second moment
 * @param eps added to the denominator for stability
 * @param weightDecay L2 coefficient added to the gradient of decayed parameters
 */
public record AdamSettings(double learningRate, double beta1, double beta2, double eps, double weightDecay) {

    /** Validates the ranges PyTorch accepts. */
    public AdamSettings {
        if (!(learningRate >= 0)) {
            throw new IllegalArgumentException("learning rate must be >= 0, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps >= 0)) {
            throw new IllegalArgumentException("eps must be >= 0, got " + eps);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
    }

    /** The reference recipe: lr 5e-4, betas (0.9, 0.999), eps 1e-8, weight decay 1e-5. */
    public static AdamSettings reference() {
        return new AdamSettings(5e-4, 0.9, 0.999, 1e-8, 1e-5);
    }

    /** The same settings with another initial learning rate. */
    public AdamSettings withLearningRate(double lr) {
        return new AdamSettings(lr, beta1, beta2, eps, weightDecay);
    }
}
