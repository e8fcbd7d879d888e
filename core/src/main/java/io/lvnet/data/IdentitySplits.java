package io.lvnet.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
        List<String> names = new ArrayList<>(new TreeSet<>(identities));
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = names.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = names.get(i);
            names.set(i, names.get(j));
            names.set(j, t);
        }
        int n = names.size();
        int held = n >= MIN_FOR_HELD_OUT ? Math.max(2, (int) Math.round(0.15 * n)) : 0;
        Map<String, Split> shuffled = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            shuffled.put(names.get(i), i < held ? Split.TEST : i < 2 * held ? Split.VAL : Split.TRAIN);
        }
        Map<String, Split> out = new LinkedHashMap<>();
        new TreeSet<>(shuffled.keySet()).forEach(k -> out.put(k, shuffled.get(k)));
        return out;
    }
}
