package io.lvnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.lvnet.loss.CrossEntropy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each ablation runs forward and backward, changes the output, and trains only what it uses. */
class AblationTest {
    private static final LvNetConfig TINY = new LvNetConfig(Variant.SUPERVISED, 96, 0.125);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"no-cmce", "no-lfga", "no-mpff", "rgb-only", "srm-only", "no-cmce,no-lfga,no-mpff"})
    void ablatedModelsRunDifferAndRoundTrip(String text) throws Exception {
        Ablation ablation = Ablation.parse(text);
        assertEquals(text, ablation.describe());
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            LvNet full = LvNet.create(TINY, m);
            LvNet ablated = new LvNet(TINY.withAblation(ablation));
            ablated.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 3, 96, 96));
            if (ablation.mpff()) {
                // same shapes: give the ablated model the full model's weights, so any difference is the ablation's
                io.lvnet.weights.StateDicts.load(ablated, io.lvnet.weights.StateDicts.export(full), true);
            }
            NDArray x = m.randomUniform(-1, 1, new Shape(2, 3, 96, 96));
            ParameterStore ps = new ParameterStore(m, false);
            LvNetOutput a = full.forward(ps, x, false);
            LvNetOutput b;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                b = ablated.forward(ps, x, true);
                gc.backward(CrossEntropy.of(b.logits(), m.create(new long[] {0, 1})).add(b.segmentation().square().mean()));
            }
            assertArrayEquals(new long[] {2, 2, 6, 6}, b.segmentation().getShape().getShape());
            if (ablation.mpff()) {
                assertFalse(java.util.Arrays.equals(a.logits().toFloatArray(), ablated.forward(ps, x, false).logits().toFloatArray()),
                        "switching off " + text + " changes the verdict");
            }
            Map<String, Parameter> p = ablated.namedParameters();
            boolean srmUsed = ablation.streams() != Ablation.Streams.RGB_ONLY;
            boolean rgbUsed = ablation.streams() != Ablation.Streams.SRM_ONLY;
            assertEquals(srmUsed, hasGradient(p.get("srmStream.block3.sepconv1.depthwise.weight")), text);
            assertEquals(rgbUsed, hasGradient(p.get("rgbStream.block3.sepconv1.depthwise.weight")), text);
            assertEquals(ablation.lfga(), hasGradient(p.get("lfga1.gamma")), text); // value gets none while gamma is 0
            assertEquals(ablation.mpff(), hasGradient(p.get("score0.conv.weight")), text);

            Path file = dir.resolve(text + ".safetensors");
            io.lvnet.weights.WeightsFile.save(file, ablated.config(), io.lvnet.weights.StateDicts.export(ablated));
            assertEquals(ablated.config(), io.lvnet.weights.WeightsFile.read(file, 96).config());
        }
    }

    private static boolean hasGradient(Parameter p) {
        return p.getArray().getGradient().abs().sum().getFloat() > 0;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "no-cmce,nonsense"})
    void unknownSwitchesAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ablation.parse(text));
        assertTrue(e.getMessage().contains("unknown ablation"));
    }
}
