package io.lvnet.landmarks;

import java.util.List;

/**
 * The trees of one cascade level, packed for speed: the splits of all trees in three flat
 * arrays, and each leaf's increment in an array of its own.
 *
 * <p>A level is evaluated in three passes over its trees: the leaf each tree reaches (trees
 * read only the feature pixels, not the shape), a read of every cache line of those leaves,
 * and the leaves added to the shape in tree order, as dlib adds them. The leaves of dlib's
 * face model take 65 MB, far more than any cache, and a face reaches 7,500 of them: added one
 * after another, each leaf's first line is a memory round trip the processor waits for. The
 * middle pass reads the lines in a loop with no dependencies between reads, so the processor
 * has dozens of them in flight at once, and the additions then find them in the cache (this
 * pass takes a third off the time per face). Each leaf has its own array so that the addition
 * {@code shape[j] += leaf[j]} indexes both arrays alike, which HotSpot vectorises; with an
 * offset into one shared array it cannot rule out that the two overlap and adds one float at
 * a time (JDK 17 and 25 alike), which took more time than everything else together.
 */
final class RegressionForest {
    /** Floats per 64-byte cache line. */
    private static final int LINE = 16;

    private final int[] idx1;
    private final int[] idx2;
    private final float[] thresh;
    private final float[][] leaves;
    /** Per tree: where its splits start, how many, where its leaves start. */
    private final int[] splitStart;
    private final int[] splitCount;
    private final int[] leafStart;
    private final int shapeLength;

    RegressionForest(List<RegressionTree> trees, int shapeLength) {
        int n = trees.size();
        this.shapeLength = shapeLength;
        splitStart = new int[n];
        splitCount = new int[n];
        leafStart = new int[n];
        long splits = 0;
        long leafCount = 0;
        for (int t = 0; t < n; t++) {
            RegressionTree tree = trees.get(t);
            for (float[] leaf : tree.leaves()) {
                if (leaf.length != shapeLength) {
                    throw new IllegalArgumentException("tree " + t + "'s leaves are not the shape's length");
                }
            }
            splitStart[t] = (int) splits;
            splitCount[t] = tree.splits();
            leafStart[t] = (int) leafCount;
            splits += tree.splits();
            leafCount += tree.splits() + 1L;
        }
        if (splits > Integer.MAX_VALUE - 8 || leafCount > Integer.MAX_VALUE - 8 || shapeLength < 1) {
            throw new IllegalArgumentException("a cascade level too large to hold");
        }
        idx1 = new int[(int) splits];
        idx2 = new int[(int) splits];
        thresh = new float[(int) splits];
        leaves = new float[(int) leafCount][];
        for (int t = 0; t < n; t++) {
            RegressionTree tree = trees.get(t);
            System.arraycopy(tree.idx1(), 0, idx1, splitStart[t], tree.splits());
            System.arraycopy(tree.idx2(), 0, idx2, splitStart[t], tree.splits());
            System.arraycopy(tree.thresh(), 0, thresh, splitStart[t], tree.splits());
            System.arraycopy(tree.leaves(), 0, leaves, leafStart[t], tree.leaves().length);
        }
    }

    /** Number of trees. */
    int size() {
        return splitStart.length;
    }

    /**
     * Adds to {@code shape} the leaf every tree reaches on {@code features}.
     *
     * @param reached scratch space for at least {@link #size()} + 1 values
     */
    void addTo(float[] shape, float[] features, int[] reached) {
        int n = splitStart.length;
        for (int t = 0; t < n; t++) {
            int base = splitStart[t];
            int splits = splitCount[t];
            int i = 0;
            while (i < splits) {
                int s = base + i;
                i = features[idx1[s]] - features[idx2[s]] > thresh[s] ? 2 * i + 1 : 2 * i + 2;
            }
            reached[t] = leafStart[t] + i - splits;
        }
        int len = shapeLength;
        int touched = 0;
        for (int t = 0; t < n; t++) {
            float[] leaf = leaves[reached[t]];
            for (int j = 0; j < len; j += LINE) {
                touched ^= Float.floatToRawIntBits(leaf[j]);
            }
            touched ^= Float.floatToRawIntBits(leaf[len - 1]);
        }
        // stored where the caller can see it, so that the JIT keeps the reads
        reached[n] = touched;
        for (int t = 0; t < n; t++) {
            float[] leaf = leaves[reached[t]];
            for (int j = 0; j < len; j++) {
                shape[j] += leaf[j];
            }
        }
    }
}
