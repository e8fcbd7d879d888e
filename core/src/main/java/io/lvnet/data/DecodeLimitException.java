package io.lvnet.data;

import java.io.IOException;

/**
 * A video went past one of its {@link DecodeLimits}; decoding stopped at the frame that did.
 * The message is one line; {@link VideoFrames} puts the file's name in front of it.
 */
public final class DecodeLimitException extends IOException {
    DecodeLimitException(String message) {
        super(message);
    }
}
