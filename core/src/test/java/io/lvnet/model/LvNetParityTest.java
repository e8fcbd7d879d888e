package io.lvnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.lvnet.testing.Goldens;
import io.lvnet.testing.ReferenceModels;
import io.lvnet.testing.Tolerance;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The full-size network against the reference's eval-mode outputs on formula weights. */
class LvNetParityTest {

    @Test
    void evalModeMatchesLogitsSegmentationAndEveryIntermediateMean() {
        LvNet net = ReferenceModels.formulaWeighted(Variant.SUPERVISED);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList g = Goldens.npz(m, "lvnet_eval.npz");
            Map<String, float[]> means = new HashMap<>();
            LvNetOutput out = net.forward(new ParameterStore(m, false), g.get("input"), false,
                    (name, a) -> means.put(name, channelMeans(a)));
            Tolerance.relativeL2("cls", Goldens.floats(g.get("cls")), out.logits().toFloatArray(), 1e-4);
            Tolerance.relativeL2("seg", Goldens.floats(g.get("seg")), out.segmentation().toFloatArray(), 1e-4);
            int checked = 0;
            for (NDArray ref : g) {
                if (ref.getName().startsWith("mean_")) {
                    String tap = ref.getName().substring(5);
                    assertNotNull(means.get(tap), "no tap " + tap);
                    Tolerance.elementwise(ref.getName(), Goldens.floats(ref), means.get(tap), 1e-4);
                    checked++;
                }
            }
            assertEquals(17, checked);
        }
    }

    /** Per-channel mean over batch and space. */
    static float[] channelMeans(NDArray a) {
        return a.swapAxes(0, 1).reshape(a.getShape().get(1), -1).mean(new int[] {1}).toFloatArray();
    }

    @Test
    void semiSupervisedVariantMatchesLogitsSegmentationAndProjection() {
        LvNet net = ReferenceModels.formulaWeighted(Variant.SEMI_SUPERVISED);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList g = Goldens.npz(m, "lvnet_semi_eval.npz");
            LvNetOutput out = net.forward(new ParameterStore(m, false), g.get("input"), false);
            Tolerance.relativeL2("cls", Goldens.floats(g.get("cls")), out.logits().toFloatArray(), 1e-4);
            Tolerance.relativeL2("seg", Goldens.floats(g.get("seg")), out.segmentation().toFloatArray(), 1e-4);
            Tolerance.relativeL2("projection", Goldens.floats(g.get("projection")), out.projection().toFloatArray(), 1e-4);
        }
    }
}
