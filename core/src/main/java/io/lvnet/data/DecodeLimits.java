package io.lvnet.data;

import java.util.Locale;

/**
 * How much of a video {@link VideoFrames} may decode, judged on what is decoded rather than on
 * what the container claims: a file's header can state 64 x 64 pixels and one second while its
 * packets hold 12,000 x 12,000 pixel frames for minutes. Each limit is checked on every decoded
 * frame, before the frame is converted or handed on, and the first frame past a limit stops the
 * decoding with a {@link DecodeLimitException}. The stated size and length are checked too, when
 * the video is opened.
 *
 * <p>libavcodec is also told the largest picture it may allocate ({@code max_pixels}): twice
 * {@link #maxPixels}, since it counts rows padded to 64 pixels and must not refuse a frame within
 * the limit. A frame far past the limit is so refused by the decoder before its memory is taken;
 * one up to twice the limit is decoded, then refused before it is converted.
 *
 * @param maxPixels most pixels (width x height) of any frame
 * @param maxSeconds latest time of any frame, in seconds from the start of the video stream
 * @param maxFrames most frames decoded (guards against frame rates that make any number of frames
 *     fit into a short time)
 */
public record DecodeLimits(long maxPixels, double maxSeconds, long maxFrames) {
    /** No limits: the video is decoded whatever it holds (trusted inputs, e.g. datasets being prepared). */
    public static final DecodeLimits NONE = new DecodeLimits(Long.MAX_VALUE, Double.POSITIVE_INFINITY, Long.MAX_VALUE);
    /**
     * Frames per second allowed on average when only a length is given: more than the
     * high-speed modes of phones and cameras record.
     */
    public static final double MAX_FRAME_RATE = 240;
    /** Largest frame by default: 100 megapixels, above 8K (33 MP) and most camera sensors. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;
    /** Longest video by default: four hours. */
    public static final double DEFAULT_MAX_SECONDS = 4 * 3600;
    /** Room libavcodec's allocation limit leaves for its row padding (to 64 pixels) beyond twice the limit. */
    private static final long ALLOCATION_SLACK = 64 * 64;

    /** Rejects limits that would refuse every video. */
    public DecodeLimits {
        if (maxPixels < 1 || !(maxSeconds > 0) || maxFrames < 1) {
            throw new IllegalArgumentException("decode limits must be positive: " + maxPixels + " pixels, " + maxSeconds
                    + " s, " + maxFrames + " frames");
        }
    }

    /** The limits {@code lvnet detect} applies unless told otherwise. */
    public static DecodeLimits defaults() {
        return of(DEFAULT_MAX_PIXELS, DEFAULT_MAX_SECONDS);
    }

    /**
     * Limits on frame size and length; the frame count follows from the length at
     * {@link #MAX_FRAME_RATE}.
     */
    public static DecodeLimits of(long maxPixels, double maxSeconds) {
        double frames = Math.ceil(maxSeconds * MAX_FRAME_RATE) + 1;
        return new DecodeLimits(maxPixels, maxSeconds, frames >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) frames);
    }

    /** The {@code max_pixels} option for libavcodec, or null for none. */
    String allocationLimit() {
        if (maxPixels == Long.MAX_VALUE) {
            return null;
        }
        // padded rows cost at most twice a frame of 64 pixels' width or more; narrower ones get the slack
        return Long.toString(maxPixels >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 2 : 2 * maxPixels + ALLOCATION_SLACK);
    }

    /**
     * What is wrong with a frame's size, or null when it is within the limit.
     *
     * @param what names the frame in the message, e.g. "frame 12" or "the stated frame size"
     */
    String pixelsProblem(String what, long width, long height) {
        if (width * height <= maxPixels) {
            return null;
        }
        return String.format(Locale.ROOT, "%s is %d x %d = %,d pixels, more than the limit of %,d", what, width, height,
                width * height, maxPixels);
    }

    /** The problem with a frame of unknown size that the decoder refused to allocate (see {@link #allocationLimit}). */
    String refusedProblem(String what) {
        return String.format(Locale.ROOT, "%s is larger than the limit of %,d pixels (the decoder refused to allocate it)", what,
                maxPixels);
    }

    /** What is wrong with a frame's time (seconds from the stream's start), or null when it is within the limit. */
    String timeProblem(String what, double seconds) {
        if (seconds <= maxSeconds) {
            return null;
        }
        return String.format(Locale.ROOT, "%s is at %.1f s, past the limit of %s s", what, seconds, trim(maxSeconds));
    }

    /** What is wrong with having decoded this many frames, or null when it is within the limit. */
    String countProblem(long frames) {
        if (frames <= maxFrames) {
            return null;
        }
        return String.format(Locale.ROOT, "more than %,d frames, the limit", maxFrames);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
