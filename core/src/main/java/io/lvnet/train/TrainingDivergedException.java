package io.lvnet.train;

import java.util.Locale;

/**
 * A run stopped because its numbers stopped being numbers: a NaN or infinite loss or gradient,
 * too many skipped steps, NaN weights or NaN validation scores. The message is one line naming
 * the epoch (and step) and what was not finite; nothing of the epoch was saved, so {@code
 * best.safetensors} and the last checkpoint still hold finite weights.
 */
public final class TrainingDivergedException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private TrainingDivergedException(String message) {
        super(message);
    }

    /** A step whose loss or gradients were not finite, under {@link NonFiniteLoss#STOP}. */
    static TrainingDivergedException step(int epoch, long step, StepMetrics m) {
        String what = Double.isFinite(m.loss()) ? "a gradient is not finite (loss " + format(m.loss()) + ")"
                : "the loss is " + format(m.loss());
        return new TrainingDivergedException(String.format(Locale.ROOT,
                "epoch %d, step %d: %s; the step was not applied and the run stops"
                        + " (train.non_finite_loss: skip would skip such steps)", epoch, step, what));
    }

    /** More skipped steps in an epoch than the policy allows. */
    static TrainingDivergedException tooManySkipped(int epoch, long step, int skipped, int max) {
        return new TrainingDivergedException(String.format(Locale.ROOT,
                "epoch %d, step %d: %d steps of this epoch had a non-finite loss or gradient, more than"
                        + " train.max_skipped_steps (%d): the run stops", epoch, step, skipped, max));
    }

    /** Weights that are not finite at the end of an epoch. */
    static TrainingDivergedException weights(int epoch, String tensor, int bad, long of) {
        return new TrainingDivergedException(String.format(Locale.ROOT,
                "epoch %d: %d of %d values of weight %s are not finite; the epoch was not saved and the run stops",
                epoch, bad, of, tensor));
    }

    /** Validation scores that are not finite. */
    static TrainingDivergedException validation(int epoch, ArithmeticException cause) {
        TrainingDivergedException e = new TrainingDivergedException(String.format(Locale.ROOT,
                "epoch %d: validation: %s; the epoch was not saved and the run stops", epoch, cause.getMessage()));
        e.initCause(cause);
        return e;
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "NaN" : Double.toString(v);
    }
}
