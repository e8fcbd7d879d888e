package io.lvnet.eval;

/**
 * Scores that are NaN or infinite, which rank nowhere: an AUC, EER or AP computed from them
 * would be an artefact of their order (all-NaN scores give an AUC of exactly 0 or 1). It is no
 * {@link IllegalArgumentException}, which callers take to mean "only one class here, no AUC",
 * because a network that scores NaN has diverged and must not pass for a missing measure.
 */
public final class NonFiniteScoresException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming how many scores are not finite */
    public NonFiniteScoresException(String message) {
        super(message);
    }
}
