package io.lvnet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/** Tensor operations PyTorch has and DJL lacks, composed from DJL primitives. */
public final class TensorOps {
    private TensorOps() {
    }

    /**
     * Pads the last two axes of a B x C x H x W map by edge replication up to the next multiple
     * of {@code grid}: {@code p = (grid - h mod grid) mod grid}, floor(p/2) before, ceil(p/2)
     * after (PyTorch's {@code ReplicationPad2d} as the reference calls it). Square maps only.
     */
    public static NDArray replicationPadToMultiple(NDArray x, int grid) {
        long h = x.getShape().get(2);
        int p = (int) ((grid - h % grid) % grid);
        if (p == 0) {
            return x;
        }
        int before = p / 2;
        int after = p - before;
        return replicateEdges(replicateEdges(x, 2, before, after), 3, before, after);
    }

    private static NDArray replicateEdges(NDArray x, int axis, int before, int after) {
        long n = x.getShape().get(axis);
        NDList parts = new NDList();
        if (before > 0) {
            parts.add(x.get(edge(axis, 0)).repeat(axis, before));
        }
        parts.add(x);
        if (after > 0) {
            parts.add(x.get(edge(axis, n - 1)).repeat(axis, after));
        }
        return NDArrays.concat(parts, axis);
    }

    private static NDIndex edge(int axis, long i) {
        return axis == 2
                ? new NDIndex(":, :, {}:{}, :", i, i + 1)
                : new NDIndex(":, :, :, {}:{}", i, i + 1);
    }

    /**
     * Moves each k x k window of a B x 1 x (S*k) x (S*k) map into channels:
     * {@code out[b, a*k + c, i, j] = m[b, 0, i*k + a, j*k + c]} (PyTorch's {@code unfold} with
     * kernel = stride = k, viewed as B x k*k x S x S).
     */
    public static NDArray windowsToChannels(NDArray m, int k) {
        Shape s = m.getShape();
        long b = s.get(0);
        long grid = s.get(2) / k;
        return m.reshape(b, grid, k, grid, k).transpose(0, 2, 4, 1, 3).reshape(b, (long) k * k, grid, grid);
    }

    /**
     * Cosine similarity along {@code axis}, kept as a size-1 axis; each vector is divided by
     * max(norm, eps) first, as PyTorch's {@code cosine_similarity} does.
     */
    public static NDArray cosineSimilarity(NDArray a, NDArray b, int axis, float eps) {
        NDArray an = a.div(atLeast(a.norm(2, new int[] {axis}, true), eps));
        NDArray bn = b.div(atLeast(b.norm(2, new int[] {axis}, true), eps));
        return an.mul(bn).sum(new int[] {axis}, true);
    }

    /** L2-normalises along {@code axis} (PyTorch's {@code F.normalize}, eps 1e-12). */
    public static NDArray l2Normalize(NDArray a, int axis) {
        return a.div(atLeast(a.norm(2, new int[] {axis}, true), 1e-12));
    }

    /** The same array stored in its logical (NCHW) order, whatever its memory layout was. */
    public static NDArray contiguousNchw(NDArray x) {
        // a flattening reshape is a view of NCHW-contiguous memory and a copy into it otherwise
        return x.reshape(-1).reshape(x.getShape());
    }

    /**
     * The same B x C x H x W array stored channels-last (NHWC in memory): libtorch's oneDNN
     * convolutions then work without reordering, and keep that layout for what follows.
     */
    public static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        // the flattening reshape of the NHWC view is what copies it into NHWC memory
        return x.transpose(0, 2, 3, 1).reshape(s.get(0), -1).reshape(s.get(0), s.get(2), s.get(3), s.get(1))
                .transpose(0, 3, 1, 2);
    }

    /**
     * Whether operations are being recorded for backward now (inside a gradient collector):
     * in-place updates of arrays that autograd saved would then corrupt the gradients.
     */
    public static boolean recordingGradients() {
        return ai.djl.pytorch.jni.JniUtils.isGradMode();
    }

    /**
     * {@code x * v} with a scalar that autograd may keep for backward. DJL's {@code mul(Number)}
     * wraps a Java buffer for the scalar without copying and drops it at once; once the buffer
     * is collected, a backward pass that reads the saved scalar reads freed memory (about one
     * pass in a few thousand got gradients 7 % off). Here the scalar lives in libtorch's memory.
     */
    public static NDArray multiply(NDArray x, double v) {
        try (NDArray scalar = ownedScalar(x, v)) {
            return x.mul(scalar);
        }
    }

    /**
     * Softmax along {@code axis}; for bfloat16 arrays composed of max, exp and sum, which DJL can
     * run on them (its softmax passes the array's type to libtorch, and bfloat16 has no name).
     */
    public static NDArray softmax(NDArray x, int axis) {
        if (!Bfloat16.isBfloat16(x)) {
            return x.softmax(axis);
        }
        NDArray e = x.sub(x.max(new int[] {axis}, true)).exp();
        return e.div(e.sum(new int[] {axis}, true));
    }

    /** {@code max(x, v)} element-wise, safe for backward as {@link #multiply} is. */
    public static NDArray atLeast(NDArray x, double v) {
        try (NDArray scalar = ownedScalar(x, v)) {
            return x.maximum(scalar);
        }
    }

    /** {@code x / v}, safe for backward as {@link #multiply} is. */
    public static NDArray divide(NDArray x, double v) {
        try (NDArray scalar = ownedScalar(x, v)) {
            return x.div(scalar);
        }
    }

    /** A 0-d array of {@code x}'s type and device holding {@code v}, in memory libtorch owns. */
    private static NDArray ownedScalar(NDArray x, double v) {
        // DJL cannot name bfloat16 (Bfloat16): a float32 0-d operand leaves a bfloat16 result
        DataType type = Bfloat16.isBfloat16(x) ? DataType.FLOAT32 : x.getDataType();
        try (NDArray wrapped = x.getManager().create(v).toType(type, false)) {
            // toType of a double to float copies already; duplicate makes sure for float64 too
            return wrapped.toDevice(x.getDevice(), false).duplicate();
        }
    }
}
