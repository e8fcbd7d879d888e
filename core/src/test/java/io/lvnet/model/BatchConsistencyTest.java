package io.lvnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.lvnet.testing.Goldens;
import io.lvnet.testing.ReferenceModels;
import io.lvnet.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Heavy: the full-size network scores a batch exactly as it scores each face alone (eval mode). */
@Tag("heavy")
class BatchConsistencyTest {

    @Test
    void aBatchOfEightEqualsEightSingleFaces() {
        LvNet net = ReferenceModels.formulaWeighted(Variant.SUPERVISED);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = Goldens.npz(m, "lvnet_train_mode.npz").get("input");
            NDArray b = Goldens.npz(m, "lvnet_eval.npz").get("input");
            NDArray batch = NDArrays8.of(a, b);
            LvNetOutput all = net.forward(new ParameterStore(m, false), batch, false);
            for (int i = 0; i < 8; i++) {
                LvNetOutput one = net.forward(new ParameterStore(m, false), batch.get(i + ":" + (i + 1)), false);
                Tolerance.relativeL2("logits " + i, one.logits().toFloatArray(), all.logits().get(i + ":" + (i + 1)).toFloatArray(), 1e-5);
                Tolerance.relativeL2("seg " + i, one.segmentation().toFloatArray(),
                        all.segmentation().get(i + ":" + (i + 1)).toFloatArray(), 1e-5);
            }
        }
    }

    /** Eight inputs from the goldens' three faces, flipped and negated for variety. */
    private static final class NDArrays8 {
        static NDArray of(NDArray two, NDArray one) {
            NDList parts = new NDList(two, one, two.flip(3), one.flip(2), two.neg()); // 2 + 1 + 2 + 1 + 2
            return ai.djl.ndarray.NDArrays.concat(parts, 0);
        }
    }
}
