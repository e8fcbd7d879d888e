package io.lvnet.serve;

import io.lvnet.data.DecodeLimits;
import java.time.Duration;

/**
 * What one request may ask of the service. The upload size is checked while the body streams in,
 * the picture size and the video length first from the file's headers, before any model work,
 * and then again on every decoded video frame (its size and timestamp, see
 * {@link #decodeLimits()}), since a header can claim anything; the timeout covers the whole
 * request, upload included.
 *
 * @param maxUploadBytes largest accepted file (413 above)
 * @param maxVideoSeconds longest accepted video (422 above)
 * @param maxPixels largest picture, width x height of an image or of a video frame (422 above)
 * @param maxFrames most video frames a request may ask to be scanned ({@code frames})
 * @param requestTimeout time from the request's arrival to its answer (504 after)
 * @param headerTimeout time from a request's first byte to the end of its headers; a client still
 *     sending them then is disconnected
 * @param idleTimeout longest wait for the next bytes of a request's body, or for the client to take
 *     more of the answer; a client that sends or takes nothing for longer is disconnected
 */
public record ServeLimits(long maxUploadBytes, double maxVideoSeconds, long maxPixels, int maxFrames, Duration requestTimeout,
        Duration headerTimeout, Duration idleTimeout) {
    /** Upload size limit when none is given: 100 MiB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 100L << 20;
    /** Video length limit when none is given. */
    public static final double DEFAULT_MAX_VIDEO_SECONDS = 120;
    /** Picture size limit when none is given: 40 megapixels (a 7,700 x 5,200 photo, or any 4K frame). */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;
    /** Frames a request may ask for when no limit is given. */
    public static final int DEFAULT_MAX_FRAMES = 64;
    /** Request timeout when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    /** Header timeout when none is given: headers are a few hundred bytes, sent at once by any client. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** Idle timeout when none is given. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    /** Rejects limits that would refuse everything. */
    public ServeLimits {
        if (maxUploadBytes < 1 || !(maxVideoSeconds > 0) || maxPixels < 1 || maxFrames < 1 || !positive(requestTimeout)
                || !positive(headerTimeout) || !positive(idleTimeout)) {
            throw new IllegalArgumentException("limits must be positive: upload " + maxUploadBytes + " bytes, video "
                    + maxVideoSeconds + " s, " + maxPixels + " pixels, " + maxFrames + " frames, timeout " + requestTimeout
                    + ", header timeout " + headerTimeout + ", idle timeout " + idleTimeout);
        }
    }

    /** These limits with the default header and idle timeouts. */
    public ServeLimits(long maxUploadBytes, double maxVideoSeconds, long maxPixels, int maxFrames, Duration requestTimeout) {
        this(maxUploadBytes, maxVideoSeconds, maxPixels, maxFrames, requestTimeout, DEFAULT_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    /** The default limits. */
    public static ServeLimits defaults() {
        return new ServeLimits(DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_MAX_VIDEO_SECONDS, DEFAULT_MAX_PIXELS, DEFAULT_MAX_FRAMES,
                DEFAULT_TIMEOUT, DEFAULT_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * What a video may make a scan decode: frames of at most {@link #maxPixels}, timestamps up to
     * {@link #maxVideoSeconds}, and at most {@link DecodeLimits#MAX_FRAME_RATE} frames a second of
     * that on average.
     */
    public DecodeLimits decodeLimits() {
        return DecodeLimits.of(maxPixels, maxVideoSeconds);
    }

    /** These limits with another upload size limit. */
    public ServeLimits withMaxUploadBytes(long bytes) {
        return new ServeLimits(bytes, maxVideoSeconds, maxPixels, maxFrames, requestTimeout, headerTimeout, idleTimeout);
    }

    /** These limits with another video length limit. */
    public ServeLimits withMaxVideoSeconds(double seconds) {
        return new ServeLimits(maxUploadBytes, seconds, maxPixels, maxFrames, requestTimeout, headerTimeout, idleTimeout);
    }

    /** These limits with another picture size limit. */
    public ServeLimits withMaxPixels(long pixels) {
        return new ServeLimits(maxUploadBytes, maxVideoSeconds, pixels, maxFrames, requestTimeout, headerTimeout, idleTimeout);
    }

    /** These limits with another frame limit. */
    public ServeLimits withMaxFrames(int frames) {
        return new ServeLimits(maxUploadBytes, maxVideoSeconds, maxPixels, frames, requestTimeout, headerTimeout, idleTimeout);
    }

    /** These limits with another request timeout. */
    public ServeLimits withRequestTimeout(Duration timeout) {
        return new ServeLimits(maxUploadBytes, maxVideoSeconds, maxPixels, maxFrames, timeout, headerTimeout, idleTimeout);
    }

    /** These limits with another header timeout. */
    public ServeLimits withHeaderTimeout(Duration timeout) {
        return new ServeLimits(maxUploadBytes, maxVideoSeconds, maxPixels, maxFrames, requestTimeout, timeout, idleTimeout);
    }

    /** These limits with another idle timeout. */
    public ServeLimits withIdleTimeout(Duration timeout) {
        return new ServeLimits(maxUploadBytes, maxVideoSeconds, maxPixels, maxFrames, requestTimeout, headerTimeout, timeout);
    }
}
