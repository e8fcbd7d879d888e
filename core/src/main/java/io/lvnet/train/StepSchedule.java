package io.lvnet.train;

/**
 * PyTorch's {@code StepLR}: the learning rate is multiplied by {@code gamma} every {@code
 * stepEpochs} epochs. It counts epochs, not optimizer updates (DJL's trackers count updates,
 * which is why they are not used), and it is stateless: the rate of an epoch follows from the
 * epoch alone, so resuming needs nothing but the epoch.
 *
 * @param initialLearningRate the rate of epochs 0 .. stepEpochs - 1
 * @param gamma the factor applied at each step
 * @param stepEpochs epochs between two steps
 */
public record StepSchedule(double initialLearningRate, double gamma, int stepEpochs) {

    /** Validates the arguments. */
    public StepSchedule {
        if (!(initialLearningRate >= 0)) {
            throw new IllegalArgumentException("learning rate must be >= 0, got " + initialLearningRate);
        }
        if (!(gamma > 0)) {
            throw new IllegalArgumentException("gamma must be > 0, got " + gamma);
        }
        if (stepEpochs < 1) {
            throw new IllegalArgumentException("step must be at least one epoch, got " + stepEpochs);
        }
    }

    /** The reference recipe: 5e-4, halved every 5 epochs. */
    public static StepSchedule reference() {
        return new StepSchedule(AdamSettings.reference().learningRate(), 0.5, 5);
    }

    /** The learning rate during {@code epoch} (0-based). */
    public double learningRate(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        // the closed form of StepLR; with gamma 0.5 it equals the repeated product exactly
        return initialLearningRate * Math.pow(gamma, epoch / stepEpochs);
    }
}
