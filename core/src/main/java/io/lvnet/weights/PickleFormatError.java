package io.lvnet.weights;

/**
 * A pickle whose content does not make sense as a checkpoint (wrong argument types, an
 * unsupported construct). Thrown while unpickling and turned into a
 * {@link WeightsFormatException} naming the file by {@link RestrictedUnpickler}.
 */
final class PickleFormatError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PickleFormatError(String message) {
        super(message, null, false, false);
    }
}
