package io.lvnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import io.lvnet.model.layers.ConvNormRelu;

/**
 * Multi-scale patch feature fusion (MPFF): relates a shallow map {@code u_i} to the deepest
 * {@code u_5} patch by patch. {@code u_i} is edge-padded to a multiple of S, {@code u_5} is
 * upsampled by repeating each cell k x k, {@code m = sum_c tanh(u_i * u_5_up)}, and each k x k
 * window of m becomes k*k channels of an S x S map. It has no parameters.
 */
public final class MultiScalePatchFusion {
    /** Upper bound on the elements of one channel slice in {@link #fuseInEval}: 8 MB of floats. */
    private static final long SLICE_ELEMENTS = 1L << 21;

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

    /**
     * {@code fuse(score.forward(stage), deepest)} for eval mode, equal within float rounding but
     * several times faster at full size:
     * <ul>
     *   <li>the score block (1x1 conv, BN, ReLU) works position by position, so the stage map
     *       (64 channels) is padded instead of its 512-channel score;</li>
     *   <li>the score is computed a slice of channels at a time, each slice multiplied with a
     *       broadcast view of {@code deepest} instead of a k x k upsampled copy. No 512-channel
     *       map at 152 x 152 (44 MB per face) is allocated: allocations that large are
     *       page-faulted in afresh on every pass, which took most of MPFF's time;</li>
     *   <li>{@code sum_c tanh(p_c) = 2 sum_c sigmoid(2 p_c) - C}: libtorch's sigmoid is about five
     *       times faster than its tanh on CPU.</li>
     * </ul>
     */
    public NDArray fuseInEval(ParameterStore ps, ConvNormRelu score, NDArray stage, NDArray deepest) {
        NDArray padded = TensorOps.channelsLast(TensorOps.replicationPadToMultiple(stage, grid));
        long b = padded.getShape().get(0);
        long side = padded.getShape().get(2);
        int k = (int) (side / grid);
        long channels = deepest.getShape().get(1);
        long slice = score.isFolded() ? Long.highestOneBit(Math.max(1, SLICE_ELEMENTS / (b * side * side))) : channels;
        NDArray twiceDeepest = deepest.mul(2f);
        NDArray halfSum = null;
        for (long from = 0; from < channels; from += slice) {
            long to = Math.min(channels, from + slice);
            NDArray u = score.forwardOutputChannels(ps, padded, from, to).reshape(b, to - from, grid, k, grid, k);
            NDArray v = twiceDeepest.get(":, {}:{}", from, to).reshape(b, to - from, grid, 1, grid, 1);
            // in place unless autograd needs u (ReLU's backward keeps its output)
            NDArray product = TensorOps.recordingGradients() ? u.mul(v) : u.muli(v);
            NDArray part = Activation.sigmoid(product).sum(new int[] {1}); // b x S x k x S x k
            halfSum = halfSum == null ? part : halfSum.addi(part);
        }
        NDArray m = halfSum.muli(2f).subi((float) channels);
        // each k x k window into channels a*k + c, as TensorOps.windowsToChannels does
        return m.transpose(0, 2, 4, 1, 3).reshape(b, (long) k * k, grid, grid);
    }
}
