package io.lvnet.landmarks;

import java.io.IOException;

/**
 * A landmark model file that cannot be used: missing, truncated, or not a dlib shape
 * predictor. The message is one line that names the file and the problem, fit to show a user
 * as is.
 */
public class LandmarkModelException extends IOException {
    private static final long serialVersionUID = 1L;

    public LandmarkModelException(String message) {
        super(message);
    }
}
