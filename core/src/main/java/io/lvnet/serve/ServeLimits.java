package io.lvnet.serve;

import java.time.Duration;

/**
 * What one request may ask of the service. Every limit is checked before any model work: the
 * upload size while the body streams in, the picture size and the video length from the file's
 * headers; the timeout covers the whole request, upload included.
 *
 * @param maxUploadBytes largest accepted file (413 above)
 * @param maxVideoSeconds longest accepted video (422 above)
 * @param maxPixels largest picture, width x height of an image or of a video frame (422 above)
 * @param maxFrames most video frames a request may ask to be scanned ({@code frames})
 * @param requestTimeout time from the request's arrival to its answer (504 after)
 */
public record ServeLimits(long maxUploadBytes, double maxVideoSeconds, long maxPixels, int maxFrames, Duration requestTimeout) {
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

    /** Rejects limits that would refuse everything. */
    public ServeLimits {
        if (maxUploadBytes < 1 || !(maxVideoSeconds > 0) || maxPixels < 1 || maxFrames < 1
                || requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("limits must be positive: upload " + maxUploadBytes + " bytes, video "
                    + maxVideoSeconds + " s, " + maxPixels + " pixels, " + maxFrames + " frames, timeout " + requestTimeout);
        }
    }

    /** The default limits. */
    public static ServeLimits defaults() {
        return new ServeLimits(DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_MAX_VIDEO_SECONDS, DEFAULT_MAX_PIXELS, DEFAULT_MAX_FRAMES,
                DEFAULT_TIMEOUT);
    }

    /** These limits with another upload size limit. */
    public ServeLimits withMaxUploadBytes(long bytes) {
        return new ServeLimits(bytes, maxVideoSeconds, maxPixels, maxFrames, requestTimeout);
    }

    /** These limits with another video length limit. */
    public ServeLimits withMaxVideoSeconds(double seconds) {
        return new ServeLimits(maxUploadBytes, seconds, maxPixels, maxFrames, requestTimeout);
    }

    /** These limits with another picture size limit. */
    public ServeLimits withMaxPixels(long pixels) {
        return new ServeLimits(maxUploadBytes, maxVideoSeconds, pixels, maxFrames, requestTimeout);
    }

    /** These limits with another frame limit. */
    public ServeLimits withMaxFrames(int frames) {
        return new ServeLimits(maxUploadBytes, maxVideoSeconds, maxPixels, frames, requestTimeout);
    }

    /** These limits with another request timeout. */
    public ServeLimits withRequestTimeout(Duration timeout) {
        return new ServeLimits(maxUploadBytes, maxVideoSeconds, maxPixels, maxFrames, timeout);
    }
}
