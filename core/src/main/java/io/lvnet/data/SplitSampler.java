package io.lvnet.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Which frames of a split a run uses, as the reference draws them: only the chosen methods'
 * fakes (and every real frame); every k-th frame of each video; in training, real frames
 * repeated until they match the fakes; with balancing, the larger class cut down to the
 * smaller one's size. The result is sorted by image path, as the reference sorts it, so that
 * a shuffle by seed gives the same order on every machine.
 */
public final class SplitSampler {
    private SplitSampler() {
    }

    /**
     * @param frames the split's frames
     * @param methods manipulation methods to keep (null or empty: all)
     * @param downsample keep every {@code downsample}-th frame of each video (1: all)
     * @param repeatReals repeat real frames to match the number of fakes (the reference's training)
     * @param balance cut the larger class to the smaller's size
     * @param seed draws of the repetition remainder and of the balancing
     */
    public static List<FrameRecord> sample(List<FrameRecord> frames, Set<String> methods, int downsample,
            boolean repeatReals, boolean balance, long seed) {
        if (downsample < 1) {
            throw new IllegalArgumentException("downsample must be at least 1, got " + downsample);
        }
        List<FrameRecord> real = new ArrayList<>();
        List<FrameRecord> fake = new ArrayList<>();
        Map<String, Integer> position = new HashMap<>();
        List<FrameRecord> ordered = new ArrayList<>(frames);
        ordered.sort(Comparator.comparing(FrameRecord::video).thenComparing(FrameRecord::compression)
                .thenComparingInt(FrameRecord::frame));
        for (FrameRecord f : ordered) {
            if (f.fake() && methods != null && !methods.isEmpty() && !methods.contains(f.method())) {
                continue;
            }
            // every k-th frame in the order the video's frames are listed
            int n = position.merge(f.video() + "|" + f.compression() + "|" + f.method(), 1, Integer::sum) - 1;
            if (n % downsample == 0) {
                (f.fake() ? fake : real).add(f);
            }
        }
        Random random = new Random(seed);
        if (repeatReals && !real.isEmpty() && fake.size() > real.size()) {
            List<FrameRecord> repeated = new ArrayList<>();
            int remaining = fake.size();
            while (remaining >= real.size()) {
                repeated.addAll(real);
                remaining -= real.size();
            }
            repeated.addAll(choose(real, remaining, random));
            real = repeated;
        }
        if (balance && !real.isEmpty() && !fake.isEmpty()) {
            if (real.size() > fake.size()) {
                real = choose(real, fake.size(), random);
            } else {
                fake = choose(fake, real.size(), random);
            }
        }
        List<FrameRecord> out = new ArrayList<>(real);
        out.addAll(fake);
        out.sort(Comparator.comparing(FrameRecord::image));
        return out;
    }

    /** {@code n} distinct items drawn without replacement. */
    private static List<FrameRecord> choose(List<FrameRecord> from, int n, Random random) {
        List<FrameRecord> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, random);
        return new ArrayList<>(copy.subList(0, n));
    }
}
