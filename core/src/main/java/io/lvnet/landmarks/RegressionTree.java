package io.lvnet.landmarks;

/**
 * One regression tree as the file holds it: a complete binary tree whose nodes compare the
 * difference of two feature pixels with a threshold, and whose leaves hold a shape increment.
 * Node {@code i} goes to {@code 2i + 1} when {@code features[idx1] - features[idx2] > thresh}
 * and to {@code 2i + 2} otherwise; a node index past the splits is leaf {@code i - splits}.
 * The trees of a cascade level are packed into a {@link RegressionForest} to be evaluated.
 *
 * @param idx1 each split's first feature pixel
 * @param idx2 each split's second feature pixel
 * @param thresh each split's threshold
 * @param leaves {@code splits + 1} increments, each of the shape's length
 */
record RegressionTree(int[] idx1, int[] idx2, float[] thresh, float[][] leaves) {
    RegressionTree {
        int leafCount = idx1.length + 1;
        if (idx2.length != idx1.length || thresh.length != idx1.length || Integer.bitCount(leafCount) != 1
                || leaves.length != leafCount) {
            throw new IllegalArgumentException("a regression tree needs 2^d - 1 splits and 2^d leaves, got "
                    + idx1.length + " splits and " + leaves.length + " leaves");
        }
    }

    int splits() {
        return idx1.length;
    }

    /** The largest feature index a split reads, -1 for a tree without splits. */
    int maxFeatureIndex() {
        int max = -1;
        for (int i = 0; i < idx1.length; i++) {
            max = Math.max(max, Math.max(idx1[i], idx2[i]));
        }
        return max;
    }
}
