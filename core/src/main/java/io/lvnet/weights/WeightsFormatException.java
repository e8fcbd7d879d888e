package io.lvnet.weights;

import java.io.IOException;

/**
 * A weights or checkpoint file that cannot be read: truncated, not a checkpoint, naming a
 * disallowed pickle global, or holding the wrong model. The message is one line that names
 * the file and the problem, fit to show a user as is.
 */
public class WeightsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public WeightsFormatException(String message) {
        super(message);
    }

    public WeightsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
