package io.lvnet.model;

import io.lvnet.model.layers.Bfloat16;

import io.lvnet.model.layers.Scopes;

import io.lvnet.model.layers.TensorOps;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
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
     * MPFF of a stage map through its score block: {@code fuse(score.forward(ps, stage, training),
     * deepest)}, computed as {@link #fuseInTraining} or {@link #fuseInEval} do.
     */
    public NDArray fuse(ParameterStore ps, ConvNormRelu score, NDArray stage, NDArray deepest, boolean training) {
        return training ? fuseInTraining(ps, score, stage, deepest) : fuseInEval(ps, score, stage, deepest);
    }

    /**
     * {@code fuse(score.forward(stage), deepest)} in training mode, equal within float rounding
     * with gradients to match, but keeping about 40 % less for backward. Training's batch norm
     * takes its statistics over the unpadded map, so the score is computed first; but ReLU
     * commutes with padding, so the ReLU comes after it and keeps the one padded map that the
     * product keeps too (instead of the ReLU's output and its padded copy). {@code deepest} is
     * broadcast instead of upsampled, and {@code sum_c tanh(p_c) = 2 sum_c sigmoid(2 p_c) - C}.
     */
    NDArray fuseInTraining(ParameterStore ps, ConvNormRelu score, NDArray stage, NDArray deepest) {
        // each map is released as soon as the next exists: at 299 px and batch 8 they are 350 MB each
        NDArray u = Scopes.scoped(() ->
                Activation.relu(TensorOps.replicationPadToMultiple(score.convAndNorm(ps, stage, true), grid)));
        Shape s = u.getShape();
        int k = (int) (s.get(2) / grid);
        long channels = s.get(1);
        NDArray v = TensorOps.multiply(deepest, 2).reshape(s.get(0), channels, grid, 1, grid, 1);
        NDArray halfSum = Scopes.scoped(() ->
                Activation.sigmoid(u.reshape(s.get(0), channels, grid, k, grid, k).mul(v)).sum(new int[] {1}));
        return windowsToChannels(TensorOps.multiply(halfSum, 2).sub((float) channels), s.get(0), k);
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
        if (Bfloat16.isBfloat16(stage)) {
            return fuseInBfloat16(ps, score, stage, deepest);
        }
        // NCHW, whatever layout the stage map arrives in: on AMD Zen 5, oneDNN's AVX-512 1x1
        // convolutions over a channels-last map with a slice of the score's weights gave patch
        // maps 1 to 6 % off the reference (LvNetParityTest, BatchNormFoldingTest)
        NDArray padded = TensorOps.contiguousNchw(TensorOps.replicationPadToMultiple(stage, grid));
        long b = padded.getShape().get(0);
        long side = padded.getShape().get(2);
        int k = (int) (side / grid);
        long channels = deepest.getShape().get(1);
        long slice = score.isFolded() ? Long.highestOneBit(Math.max(1, SLICE_ELEMENTS / (b * side * side))) : channels;
        NDArray twiceDeepest = TensorOps.multiply(deepest, 2);
        NDArray halfSum = null;
        for (long from = 0; from < channels; from += slice) {
            long first = from;
            long to = Math.min(channels, from + slice);
            NDArray part = Scopes.scoped(() -> {
                NDArray u = score.forwardOutputChannels(ps, padded, first, to).reshape(b, to - first, grid, k, grid, k);
                NDArray v = twiceDeepest.get(":, {}:{}", first, to).reshape(b, to - first, grid, 1, grid, 1);
                // in place unless autograd needs u (ReLU's backward keeps its output)
                NDArray product = TensorOps.recordingGradients() ? u.mul(v) : u.muli(v);
                return Activation.sigmoid(product).sum(new int[] {1}); // b x S x k x S x k
            });
            halfSum = halfSum == null ? part : halfSum.addi(part);
        }
        return windowsToChannels(halfSum.muli(2f).subi((float) channels), b, k);
    }

    /**
     * {@link #fuseInEval} in bfloat16: the whole score at once, channels last, where oneDNN's
     * bfloat16 1x1 convolution (AMX, AVX512-BF16) is fast (7 ms for the 64 -> 512 score of the
     * 152 x 152 stage, against 35 ms in NCHW slices, on a 2-core Xeon with AMX), then the window
     * product and the channel sum over the last, contiguous axis. The sum adds {@code sigmoid -
     * 1/2}: a sum near C/2 keeps too few of bfloat16's bits to subtract C/2 from afterwards.
     */
    private NDArray fuseInBfloat16(ParameterStore ps, ConvNormRelu score, NDArray stage, NDArray deepest) {
        NDArray padded = TensorOps.channelsLast(TensorOps.replicationPadToMultiple(stage, grid));
        long b = padded.getShape().get(0);
        int k = (int) (padded.getShape().get(2) / grid);
        long channels = deepest.getShape().get(1);
        // the transposes are views of channels-last memory: b x S x k x S x k x C
        NDArray u = score.forward(ps, padded, false).transpose(0, 2, 3, 1).reshape(b, grid, k, grid, k, channels);
        NDArray v = TensorOps.multiply(deepest, 2).transpose(0, 2, 3, 1).reshape(b, grid, 1, grid, 1, channels);
        NDArray halfSum = Activation.sigmoid(u.muli(v)).subi(0.5f).sum(new int[] {5});
        return windowsToChannels(halfSum.muli(2f), b, k);
    }

    /** B x S x k x S x k to B x k*k x S x S, as {@link TensorOps#windowsToChannels} orders them. */
    private NDArray windowsToChannels(NDArray m, long b, int k) {
        return m.transpose(0, 2, 4, 1, 3).reshape(b, (long) k * k, grid, grid);
    }
}
