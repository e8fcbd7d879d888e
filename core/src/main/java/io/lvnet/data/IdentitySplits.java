package io.lvnet.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Assigns identities to train, val and test, so that no person is in two splits. With six or
 * more identities, val and test each get 15 % of them (at least two each, so that a fake's
 * source person can come from the same split); with fewer, every identity is train. The
 * assignment is a seeded shuffle of the sorted names: the same names and seed give the same
 * splits.
 */
public final class IdentitySplits {
    /** Identities needed before val and test are split off. */
    public static final int MIN_FOR_HELD_OUT = 6;

    private IdentitySplits() {
    }

    /**
     * @param identities the names (duplicates are ignored)
     * @param seed the shuffle's seed
     * @return each identity's split, in sorted name order
     */
    public static Map<String, Split> assign(Collection<String> identities, long seed) {
        List<String> names = shuffled(identities, seed);
        int n = names.size();
        int held = n >= MIN_FOR_HELD_OUT ? Math.max(2, (int) Math.round(0.15 * n)) : 0;
        Map<String, Split> out = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            out.put(names.get(i), i < held ? Split.TEST : i < 2 * held ? Split.VAL : Split.TRAIN);
        }
        return new LinkedHashMap<>(out);
    }

    /**
     * Splits the identities of a data set's own training part into train and val, for data
     * sets that define a test part but no validation part (Celeb-DF, DFDC preview): 15 % of
     * the identities, at least one when there are two or more, go to val. The same seeded
     * shuffle as {@link #assign}, so the same names and seed give the same split.
     *
     * @return each identity's split (train or val), in sorted name order
     */
    public static Map<String, Split> carveValidation(Collection<String> identities, long seed) {
        List<String> names = shuffled(identities, seed);
        int n = names.size();
        int held = n >= 2 ? Math.max(1, (int) Math.round(0.15 * n)) : 0;
        Map<String, Split> out = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            out.put(names.get(i), i < held ? Split.VAL : Split.TRAIN);
        }
        return new LinkedHashMap<>(out);
    }

    /** The distinct names, sorted, then shuffled by the seed (Fisher-Yates). */
    private static List<String> shuffled(Collection<String> identities, long seed) {
        List<String> names = new ArrayList<>(new TreeSet<>(identities));
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = names.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = names.get(i);
            names.set(i, names.get(j));
            names.set(j, t);
        }
        return names;
    }
}
