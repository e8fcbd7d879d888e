package io.lvnet.model;

import io.lvnet.detect.Predictions;

import io.lvnet.detect.LvNetModel;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.lvnet.testing.FormulaWeights;
import io.lvnet.testing.Goldens;
import io.lvnet.testing.Tolerance;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.TensorData;
import io.lvnet.weights.TorchCheckpointWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full-size checkpoint as the reference trainer writes it (63 M parameters, {@code module.}
 * prefixes, {@code epoch} and {@code optimizer}) loads through the public API and scores the
 * golden face as the reference does.
 */
class ReferenceCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void fullSizeTrainerCheckpointScoresTheGoldenFaceAsTheReference() throws Exception {
        Map<String, TensorData> sd = new LinkedHashMap<>();
        try (LvNetModel fresh = LvNetModel.create(LvNetConfig.REFERENCE)) {
            // counters and the SRM kernel as a fresh model has them, every other entry by formula
            sd.putAll(StateDicts.export(fresh.network()));
        }
        sd.putAll(FormulaWeights.forKeys(Goldens.keys("lvnet_state_dict_keys.txt")));
        Path ckpt = TorchCheckpointWriter.write(dir.resolve("model_best.pth.tar"), sd, 29);
        sd.clear();
        try (LvNetModel model = LvNetModel.load(ckpt); NDManager m = NDManager.newBaseManager()) {
            NDList g = Goldens.npz(m, "lvnet_eval.npz");
            Predictions p = model.predict(g.get("input").toFloatArray(), 1);
            float[] ref = Goldens.floats(g.get("cls"));
            Tolerance.relativeL2("logits", ref, p.logits()[0], 1e-4);
            double refProb = 1 / (1 + Math.exp(ref[0] - ref[1]));
            org.junit.jupiter.api.Assertions.assertEquals(refProb, p.fakeProbability()[0], 1e-4);
        }
    }
}
