package io.lvnet.model;

import ai.djl.ndarray.NDArray;

/**
 * Multi-scale patch feature fusion (MPFF): relates a shallow map {@code u_i} to the deepest
 * {@code u_5} patch by patch. {@code u_i} is edge-padded to a multiple of S, {@code u_5} is
 * upsampled by repeating each cell k x k, {@code m = sum_c tanh(u_i * u_5_up)}, and each k x k
 * window of m becomes k*k channels of an S x S map. It has no parameters.
 */
public final class MultiScalePatchFusion {
    private final int grid;

    /** An MPFF onto an S x S patch grid. */
    public MultiScalePatchFusion(int grid) {
        this.grid = grid;
    }

    /** Fuses {@code shallow} (B x C x h x h) with {@code deepest} (B x C x S x S). */
    public NDArray fuse(NDArray shallow, NDArray deepest) {
        NDArray padded = TensorOps.replicationPadToMultiple(shallow, grid);
        int k = (int) (padded.getShape().get(2) / grid);
        NDArray up = k == 1 ? deepest : deepest.repeat(2, k).repeat(3, k);
        NDArray m = padded.mul(up).tanh().sum(new int[] {1}, true);
        return TensorOps.windowsToChannels(m, k);
    }
}
