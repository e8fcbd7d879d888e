package io.lvnet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/** A 2-D convolution with PyTorch's parameter layout (out x in/groups x k x k) and names. */
public final class Conv2d extends UnaryBlock {
    /** Output channels come in multiples of this where a convolution's input gradient is needed. */
    private static final int OUTPUT_BLOCK = 16;
    private final Parameter weight;
    private final Parameter bias;
    private final Shape stride;
    private final Shape padding;
    private final int groups;
    /** Weight and bias with a following batch norm folded in (inference only), or null. */
    private NDArray foldedWeight;
    private NDArray foldedBias;

    private Conv2d(long in, long out, int kernel, int stride, int padding, int groups, boolean bias) {
        long fanIn = in / groups * kernel * kernel;
        this.weight = parameter("weight", Parameter.Type.WEIGHT,
                new Shape(out, in / groups, kernel, kernel), Init.uniformFanIn(fanIn), true);
        this.bias = bias
                ? parameter("bias", Parameter.Type.BIAS, new Shape(out), Init.uniformFanIn(fanIn), true)
                : null;
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
        this.groups = groups;
    }

    /** A k x k convolution without bias. */
    public static Conv2d of(long in, long out, int kernel, int stride, int padding) {
        return new Conv2d(in, out, kernel, stride, padding, 1, false);
    }

    /** A 1x1 convolution, with or without bias. */
    public static Conv2d pointwise(long in, long out, boolean bias) {
        return new Conv2d(in, out, 1, 1, 0, 1, bias);
    }

    /** A 1x1 convolution with the given stride and no bias (Xception's shortcut). */
    public static Conv2d pointwise(long in, long out, int stride) {
        return new Conv2d(in, out, 1, stride, 0, 1, false);
    }

    /** A 3x3 depthwise convolution, padding 1, no bias. */
    public static Conv2d depthwise(long channels) {
        return new Conv2d(channels, channels, 3, 1, 1, (int) channels, false);
    }

    /**
     * Folds the batch norm that follows this convolution into it, for inference: in eval mode
     * the convolution then computes {@code bn(conv(x))} with weight {@code w * s} and bias
     * {@code beta - mean * s} (+ {@code b * s}), {@code s = gamma / sqrt(var + eps)}, and the
     * batch norm passes its input through. One pass over the activations instead of two.
     * Training mode is unaffected. The weights must not change afterwards.
     *
     * @throws IllegalStateException if a batch norm was already folded in
     */
    public void foldIn(BatchNorm2d bn) {
        if (foldedWeight != null) {
            throw new IllegalStateException("a batch norm is already folded into this convolution");
        }
        NDArray scale = bn.inferenceScale();
        NDArray shift = bn.inferenceShift();
        foldedWeight = weight.getArray().mul(scale.reshape(-1, 1, 1, 1));
        foldedBias = bias == null ? shift : bias.getArray().mul(scale).add(shift);
        scale.close();
        bn.passThroughInEval();
    }

    /** The weight as a training or eval pass reads it (out x in/groups x k x k). */
    public NDArray weight(ParameterStore ps, ai.djl.Device device, boolean training) {
        return ps.getValue(weight, device, training);
    }

    /** Whether a batch norm is folded in (see {@link #foldIn}). */
    public boolean isFolded() {
        return foldedWeight != null;
    }

    /**
     * Eval-mode output channels {@code [from, to)} of the convolution with its folded batch norm.
     *
     * @throws IllegalStateException if no batch norm is folded in
     */
    public NDArray forwardOutputChannels(NDArray x, long from, long to) {
        if (foldedWeight == null) {
            throw new IllegalStateException("output channel slices need a folded batch norm");
        }
        if (groups != 1) {
            throw new IllegalStateException("output channel slices of a grouped convolution");
        }
        try (NDArray w = foldedWeight.get("{}:{}", from, to); NDArray b = foldedBias.get("{}:{}", from, to)) {
            return x.getNDArrayInternal()
                    .convolution(x, w.toDevice(x.getDevice(), false), b.toDevice(x.getDevice(), false),
                            stride, padding, new Shape(1, 1), groups)
                    .singletonOrThrow();
        }
    }

    /** Applies the convolution (in bfloat16 when {@code x} is, see {@link InferenceParameters}). */
    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray w;
        NDArray b;
        if (!training && foldedWeight != null) {
            w = foldedWeight.toDevice(x.getDevice(), false);
            b = foldedBias.toDevice(x.getDevice(), false);
        } else {
            w = ps.getValue(weight, x.getDevice(), training);
            b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        }
        if (ps instanceof PassPrecision p) {
            w = p.weightFor(w, x);
            b = p.weightFor(b, x);
        }
        if (training && needsWholeOutputBlocks(x, w)) {
            return convolveInOutputBlocks(x, w, b);
        }
        return x.getNDArrayInternal().convolution(x, w, b, stride, padding, new Shape(1, 1), groups).singletonOrThrow();
    }

    /**
     * Whether the input gradient of this convolution, in training mode, could be wrong (whether
     * it is needed is not asked: DJL's {@code hasGradient} says no for the maps inside the
     * network; and training-mode passes without gradients, such as the first run of recomputed
     * early stages, must compute exactly what the recorded ones do). libtorch 2.7.1's CPU
     * convolution (oneDNN) computes the input gradient of a k x k (k > 1) ungrouped convolution
     * wrongly when the number of output channels is not a multiple of 16: part of it is read from
     * memory it never wrote (NaN or garbage, different from run to run); the weight gradient is
     * right. Measured on an AMD EPYC with AVX-512 and with AVX2 ({@code ConvInputGradientTest}):
     * 4 -> 8, 8 -> 8, 16 -> 8 and 16 -> 24 channels wrong in 2 to 12 passes of 12; 8 -> 16 and
     * 16 -> 48 always right. In LVNet this is conv2 of each stream below width 0.25 (4 -> 8 at
     * width 0.125): NaN or wrong gradients for bn1 and conv1, and training that does not repeat.
     */
    private boolean needsWholeOutputBlocks(NDArray x, NDArray w) {
        Shape k = w.getShape();
        return groups == 1 && k.get(0) % OUTPUT_BLOCK != 0 && (k.get(2) > 1 || k.get(3) > 1)
                && !x.getDevice().isGpu();
    }

    /**
     * The convolution with its output channels padded by zero filters to a multiple of {@link
     * #OUTPUT_BLOCK}, then cut back: the same output, and gradients computed by kernels that get
     * them right. Autograd sees the padding and the cut, so the weight gets its own gradient.
     */
    private NDArray convolveInOutputBlocks(NDArray x, NDArray w, NDArray b) {
        Shape k = w.getShape();
        long out = k.get(0);
        long padded = (out + OUTPUT_BLOCK - 1) / OUTPUT_BLOCK * OUTPUT_BLOCK;
        // zero filters padded on, in the weights' own type (DJL cannot name bfloat16 to make zeros of it)
        NDArray wide = w.pad(new Shape(0, 0, 0, 0, 0, 0, 0, padded - out), 0);
        NDArray wideBias = b == null ? null : b.pad(new Shape(0, padded - out), 0);
        return x.getNDArrayInternal().convolution(x, wide, wideBias, stride, padding, new Shape(1, 1), groups)
                .singletonOrThrow().get(":, 0:{}", out);
    }
}
