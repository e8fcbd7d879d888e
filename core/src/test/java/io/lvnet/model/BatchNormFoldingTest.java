package io.lvnet.model;

import io.lvnet.detect.LvNetModel;

import io.lvnet.model.layers.TensorOps;

import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.lvnet.model.layers.BatchNorm2d;
import io.lvnet.model.layers.Conv2d;
import io.lvnet.testing.Goldens;
import io.lvnet.testing.ReferenceModels;
import io.lvnet.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * Inference as LvNetModel runs it, batch norms folded into convolutions and inputs laid out
 * channels-last: the same outputs, within the goldens' tolerance.
 */
class BatchNormFoldingTest {

    @Test
    void foldedNetworkMatchesTheReferenceAndTheUnfoldedNetwork() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList g = Goldens.npz(m, "lvnet_eval.npz");
            LvNet net = ReferenceModels.freshFormulaWeighted(Variant.SUPERVISED, m);
            LvNetOutput plain = net.forward(new ParameterStore(m, false), g.get("input"), false);
            float[] plainCls = plain.logits().toFloatArray();
            float[] plainSeg = plain.segmentation().toFloatArray();
            net.foldBatchNorms();
            LvNetOutput folded = net.forward(new ParameterStore(m, false), g.get("input"), false);
            Tolerance.relativeL2("cls vs golden", Goldens.floats(g.get("cls")), folded.logits().toFloatArray(), 1e-4);
            Tolerance.relativeL2("seg vs golden", Goldens.floats(g.get("seg")), folded.segmentation().toFloatArray(), 1e-4);
            Tolerance.relativeL2("cls vs unfolded", plainCls, folded.logits().toFloatArray(), 1e-5);
            Tolerance.relativeL2("seg vs unfolded", plainSeg, folded.segmentation().toFloatArray(), 1e-5);
            // the inference layout (LvNetModel's default): channels-last memory, same values
            LvNetOutput nhwc = net.forward(new ParameterStore(m, false), TensorOps.channelsLast(g.get("input")), false);
            Tolerance.relativeL2("cls channels-last vs golden", Goldens.floats(g.get("cls")), nhwc.logits().toFloatArray(), 1e-4);
            Tolerance.relativeL2("seg channels-last vs golden", Goldens.floats(g.get("seg")),
                    nhwc.segmentation().toFloatArray(), 1e-4);
            Tolerance.relativeL2("cls channels-last vs unfolded", plainCls, nhwc.logits().toFloatArray(), 1e-5);
        }
    }

    @Test
    void aConvolutionTakesOneBatchNormOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            Conv2d conv = Conv2d.pointwise(4, 8, false);
            BatchNorm2d bn = new BatchNorm2d(8);
            conv.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 4, 3, 3));
            bn.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 8, 3, 3));
            conv.foldIn(bn);
            assertThrows(IllegalStateException.class, () -> conv.foldIn(bn));
        }
    }
}
