package io.lvnet.model;

import io.lvnet.model.layers.NamedBlock;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.lvnet.model.layers.Linear;

/**
 * Hadamard bilinear fusion of the pooled multi-level SRM features f1 with the exit-flow
 * features f2, independently at each grid position:
 * {@code OutTrans(dropout(tanh(Trans1(f1) * Trans2(f2))))}.
 */
public final class HadamardBilinearFusion extends NamedBlock {
    private static final float DROPOUT = 0.5f;

    private final Linear first;
    private final Linear second;
    private final Linear out;

    /** A fusion of {@code dim1}- and {@code dim2}-channel maps into {@code outDim} channels. */
    public HadamardBilinearFusion(long dim1, long dim2, long hidden, long outDim) {
        first = child("first", new Linear(dim1, hidden));
        second = child("second", new Linear(dim2, hidden));
        out = child("out", new Linear(hidden, outDim));
    }

    /** Fuses B x C1 x T x T with B x C2 x T x T into B x outDim x T x T. */
    public NDArray forward(ParameterStore ps, NDArray f1, NDArray f2, boolean training) {
        return scoped(() -> {
            Shape s = f1.getShape();
            long b = s.get(0);
            long positions = s.get(2) * s.get(3);
            NDArray product = first.forward(ps, positionsAsRows(f1), training)
                    .mul(second.forward(ps, positionsAsRows(f2), training))
                    .tanh();
            NDArray fused = out.forward(ps, Dropout.dropout(product, DROPOUT, training).singletonOrThrow(), training);
            return fused.reshape(b, positions, -1).transpose(0, 2, 1).reshape(b, -1, s.get(2), s.get(3));
        });
    }

    /** B x C x H x W to (B*H*W) x C. */
    private static NDArray positionsAsRows(NDArray f) {
        Shape s = f.getShape();
        return f.reshape(s.get(0), s.get(1), -1).transpose(0, 2, 1).reshape(-1, s.get(1));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), training));
    }
}
