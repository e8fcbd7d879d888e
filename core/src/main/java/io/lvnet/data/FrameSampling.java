package io.lvnet.data;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Which frames of a video to take. Frames are numbered in decoding (display) order from 0;
 * every choice is made on these numbers, so the same video always yields the same frames.
 *
 * <ul>
 *   <li>{@link #evenly(int)}: a fixed number spread over the whole video, as DeepfakeBench
 *       samples 32 frames per video;</li>
 *   <li>{@link #everyKth(int)}: frames 0, k, 2k, ... (LVNet's training data uses every
 *       third frame);</li>
 *   <li>{@link #atRate(double)}: a fixed number of frames per second of video.</li>
 * </ul>
 */
public sealed interface FrameSampling
        permits FrameSampling.Evenly, FrameSampling.EveryKth, FrameSampling.AtRate {
    /** The customary number of frames per video (DeepfakeBench). */
    int DEFAULT_COUNT = 32;

    /**
     * The sampling that the command-line options {@code --frames N} and {@code --every K} ask
     * for (at most one of them; neither: {@link #DEFAULT_COUNT} evenly spaced).
     *
     * @throws IllegalArgumentException when both are given or one is below 1
     */
    static FrameSampling fromOptions(Integer frames, Integer every) {
        if (frames != null && every != null) {
            throw new IllegalArgumentException("give --frames or --every, not both");
        }
        if (every != null) {
            if (every < 1) {
                throw new IllegalArgumentException("--every must be at least 1, got " + every);
            }
            return everyKth(every);
        }
        int n = frames != null ? frames : DEFAULT_COUNT;
        if (n < 1) {
            throw new IllegalArgumentException("--frames must be at least 1, got " + n);
        }
        return evenly(n);
    }

    /** {@link #DEFAULT_COUNT} frames spread evenly over the video. */
    static FrameSampling evenly() {
        return new Evenly(DEFAULT_COUNT);
    }

    /** {@code count} frames spread evenly over the video (see {@link Evenly}). */
    static FrameSampling evenly(int count) {
        return new Evenly(count);
    }

    /** Frames 0, k, 2k, ... to the end of the video. */
    static FrameSampling everyKth(int k) {
        return new EveryKth(k);
    }

    /** {@code framesPerSecond} frames per second of video (see {@link AtRate}). */
    static FrameSampling atRate(double framesPerSecond) {
        return new AtRate(framesPerSecond);
    }

    /**
     * Decides which frames of a particular video are taken.
     *
     * @param frameCount the number of frames in the video (only {@link Evenly} uses it)
     * @param frameRate the video's nominal frames per second (only {@link AtRate} uses it)
     * @return whether the frame with a given index is taken
     * @throws IllegalArgumentException if a value this sampling needs is not positive
     */
    IntPredicate plan(int frameCount, double frameRate);

    /** Whether {@link #plan} needs the exact frame count (the video's length). */
    default boolean needsFrameCount() {
        return false;
    }

    /**
     * {@code count} frames at the indices {@code floor(i * (n - 1) / (count - 1))}, i = 0 ..
     * count - 1, of a video of {@code n} frames: the first and the last frame and evenly
     * spaced ones between, as {@code numpy.linspace(0, n - 1, count).astype(int)} computes
     * them (same double arithmetic, so the same indices; a count of 1 takes frame 0). A video
     * with fewer than {@code count} frames gives each of its frames once.
     *
     * @param count frames per video, at least 1
     */
    record Evenly(int count) implements FrameSampling {
        /** Rejects counts below 1. */
        public Evenly {
            if (count < 1) {
                throw new IllegalArgumentException("frame count must be at least 1, got " + count);
            }
        }

        /**
         * The distinct indices taken from a video of {@code frameCount} frames, ascending.
         *
         * @param frameCount frames in the video, at least 1
         */
        public int[] indices(int frameCount) {
            if (frameCount < 1) {
                throw new IllegalArgumentException("video has no frames (frame count " + frameCount + ")");
            }
            int[] indices = new int[count];
            double step = count > 1 ? (double) (frameCount - 1) / (count - 1) : 0;
            for (int i = 0; i < count; i++) {
                // numpy computes i * step, then (for more than one value) sets the last to the end point
                indices[i] = i > 0 && i == count - 1 ? frameCount - 1 : (int) Math.floor(i * step);
            }
            return Arrays.stream(indices).distinct().toArray(); // ascending already
        }

        @Override
        public IntPredicate plan(int frameCount, double frameRate) {
            int[] taken = indices(frameCount);
            return index -> Arrays.binarySearch(taken, index) >= 0;
        }

        @Override
        public boolean needsFrameCount() {
            return true;
        }
    }

    /**
     * Frames 0, k, 2k, ...
     *
     * @param k the step, at least 1 (1 takes every frame)
     */
    record EveryKth(int k) implements FrameSampling {
        /** Rejects steps below 1. */
        public EveryKth {
            if (k < 1) {
                throw new IllegalArgumentException("frame step must be at least 1, got " + k);
            }
        }

        @Override
        public IntPredicate plan(int frameCount, double frameRate) {
            return index -> index % k == 0;
        }
    }

    /**
     * One frame per {@code 1 / framesPerSecond} seconds: for each sampling time
     * {@code t_j = j / framesPerSecond}, the frame shown at that time, i.e. frame {@code i}
     * with {@code i / r <= t_j < (i + 1) / r} for the video's nominal frame rate {@code r}.
     * Frame times are nominal ({@code index / r}), which is exact for constant-frame-rate
     * video. A rate at or above the video's takes every frame once.
     *
     * @param framesPerSecond sampling rate, positive
     */
    record AtRate(double framesPerSecond) implements FrameSampling {
        /** Tolerance, in sampling periods, for frame times that land on a sampling time. */
        private static final double EPSILON = 1e-6;

        /** Rejects rates that are not positive and finite. */
        public AtRate {
            if (!(framesPerSecond > 0) || Double.isInfinite(framesPerSecond)) {
                throw new IllegalArgumentException("frames per second must be positive, got " + framesPerSecond);
            }
        }

        @Override
        public IntPredicate plan(int frameCount, double frameRate) {
            if (!(frameRate > 0) || Double.isInfinite(frameRate)) {
                throw new IllegalArgumentException("video has no usable frame rate (" + frameRate + ")");
            }
            // frame i is taken when a sampling time lies in [i / r, (i + 1) / r): the first
            // sampling index at or after the frame's start differs from the next frame's
            return index -> firstSampleAtOrAfter(index, frameRate) < firstSampleAtOrAfter(index + 1, frameRate);
        }

        private double firstSampleAtOrAfter(int frame, double frameRate) {
            // multiply before dividing: 3 * 10 / 30 is exactly 1, 3 * (10 / 30) is not
            return Math.ceil(frame * framesPerSecond / frameRate - EPSILON);
        }
    }
}
