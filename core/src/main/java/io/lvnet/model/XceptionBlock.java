package io.lvnet.model;

import io.lvnet.model.layers.UnaryBlock;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import io.lvnet.model.layers.BatchNorm2d;
import io.lvnet.model.layers.Conv2d;
import io.lvnet.model.layers.SeparableConv2d;
import java.util.ArrayList;
import java.util.List;

/**
 * An Xception block: {@code [ReLU] SepConv BN (ReLU SepConv BN)*}, a 3x3 max pool (padding 1)
 * when strided, plus a shortcut (1x1 conv and BN when the shape changes, else identity).
 */
public final class XceptionBlock extends UnaryBlock {
    private final Conv2d skip;
    private final BatchNorm2d skipbn;
    private final List<SeparableConv2d> convs = new ArrayList<>();
    private final List<BatchNorm2d> norms = new ArrayList<>();
    private final int stride;
    private final boolean startWithRelu;

    /**
     * @param in input channels
     * @param out output channels
     * @param reps number of separable convolutions
     * @param stride 1, or 2 for a max pool at the end
     * @param startWithRelu whether the first separable conv is preceded by a ReLU
     * @param growFirst whether channels grow in the first separable conv (else in the last)
     */
    public XceptionBlock(long in, long out, int reps, int stride, boolean startWithRelu, boolean growFirst) {
        this.stride = stride;
        this.startWithRelu = startWithRelu;
        if (in != out || stride != 1) {
            skip = child("skip", Conv2d.pointwise(in, out, stride));
            skipbn = child("skipbn", new BatchNorm2d(out));
        } else {
            skip = null;
            skipbn = null;
        }
        for (int i = 0; i < reps; i++) {
            // channels change in the first conv when growing first, else in the last one
            long cin = growFirst && i > 0 ? out : in;
            long cout = growFirst || i == reps - 1 ? out : in;
            convs.add(child("sepconv" + (i + 1), new SeparableConv2d(cin, cout)));
            norms.add(child("bn" + (i + 1), new BatchNorm2d(cout)));
        }
    }

    /** Number of separable convolutions. */
    public int reps() {
        return convs.size();
    }

    /** Whether the block starts with a ReLU (every block but the first). */
    public boolean startsWithRelu() {
        return startWithRelu;
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray input, boolean training) {
        return scoped(() -> {
            NDArray x = input;
            for (int i = 0; i < convs.size(); i++) {
                if (i > 0 || startWithRelu) {
                    x = Activation.relu(x);
                }
                x = norms.get(i).forward(ps, convs.get(i).forward(ps, x, training), training);
            }
            if (stride != 1) {
                x = Pool.maxPool2d(x, new Shape(3, 3), new Shape(stride, stride), new Shape(1, 1), false);
            }
            NDArray shortcut = skip == null ? input : skipbn.forward(ps, skip.forward(ps, input, training), training);
            return x.add(shortcut);
        });
    }

    /** Folds each batch norm into the convolution before it, for inference. */
    public void foldBatchNorms() {
        for (int i = 0; i < convs.size(); i++) {
            convs.get(i).foldIn(norms.get(i));
        }
        if (skip != null) {
            skip.foldIn(skipbn);
        }
    }
}
