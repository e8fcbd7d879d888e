package io.lvnet.serve;

/**
 * A request the service answers with an error: an HTTP status and a one-line message, sent as
 * {@code {"error": "..."}}. Busy answers (503) say when to come back.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final Integer retryAfterSeconds;

    /** An error with this status and message. */
    public ApiException(int status, String message) {
        this(status, message, null);
    }

    /**
     * An error with this status and message.
     *
     * @param retryAfterSeconds sent as {@code Retry-After}, or null
     */
    public ApiException(int status, String message, Integer retryAfterSeconds) {
        super(message, null, false, false); // an expected answer, not a bug: no stack trace
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Seconds after which a client may retry, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }
}
