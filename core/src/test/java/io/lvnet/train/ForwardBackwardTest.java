package io.lvnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.lvnet.model.Ablation;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.TensorData;
import io.lvnet.weights.TensorType;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recomputing the early stages gives the steps of keeping their activations: same losses, same
 * weights, same batch-norm statistics, for the full network and for ablations that change what
 * the early stages hand on (a single stream shares its maps; without MPFF two of them reach
 * nothing outside the early stages).
 */
class ForwardBackwardTest {
    private static final int SIZE = 96;
    private static final int BATCH = 3;
    /** Float rounding: the two passes add the same gradient contributions in another order. */
    private static final float TOLERANCE = 2e-6f;

    static Stream<Arguments> configurations() {
        LvNetConfig base = new LvNetConfig(Variant.SUPERVISED, SIZE, 0.125);
        return Stream.of(
                Arguments.of("full", base),
                Arguments.of("rgb-only", base.withAblation(Ablation.singleStream(Ablation.Streams.RGB_ONLY))),
                Arguments.of("no-mpff", base.withAblation(new Ablation(true, true, false, Ablation.Streams.BOTH))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void recomputedStepsEqualKeptOnes(String name, LvNetConfig config) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet kept = LvNet.create(config, m);
            LvNet recomputed = LvNet.create(config, m);
            StateDicts.load(recomputed, StateDicts.export(kept), true);
            try (TrainingState a = TrainingState.start(kept, 7); TrainingState b = TrainingState.start(recomputed, 7)) {
                SupervisedStep plain = new SupervisedStep(kept, a, new StepOptions(true, false));
                SupervisedStep checkpointed = new SupervisedStep(recomputed, b, new StepOptions(true, true));
                for (int step = 0; step < 2; step++) {
                    NDArray[] batch = batch(m, step);
                    StepMetrics x = plain.run(batch[0], batch[1], batch[2]);
                    StepMetrics y = checkpointed.run(batch[0], batch[1], batch[2]);
                    assertEquals(x.loss(), y.loss(), 1e-6, "loss of step " + step);
                    assertEquals(x.correct(), y.correct());
                }
            }
            Map<String, TensorData> expected = StateDicts.export(kept);
            Map<String, TensorData> actual = StateDicts.export(recomputed);
            assertEquals(expected.keySet(), actual.keySet());
            int compared = 0;
            for (Map.Entry<String, TensorData> e : expected.entrySet()) {
                if (e.getValue().type() != TensorType.FLOAT32) {
                    assertTrue(e.getValue().bitEquals(actual.get(e.getKey())), e.getKey());
                    continue;
                }
                float[] u = e.getValue().toFloats();
                float[] v = actual.get(e.getKey()).toFloats();
                for (int i = 0; i < u.length; i++) {
                    assertEquals(u[i], v[i], TOLERANCE * (1 + Math.abs(u[i])), e.getKey() + "[" + i + "]");
                }
                compared++;
            }
            assertTrue(compared > 100, "compared " + compared + " float tensors");
        }
    }

    /** Random faces in [-1, 1], labels real, fake, fake, and a square mask on each fake. */
    private static NDArray[] batch(NDManager m, long seed) {
        Random r = new Random(seed);
        float[] img = new float[BATCH * 3 * SIZE * SIZE];
        for (int i = 0; i < img.length; i++) {
            img[i] = r.nextFloat() * 2 - 1;
        }
        float[] mask = new float[BATCH * SIZE * SIZE];
        for (int b = 1; b < BATCH; b++) {
            int y0 = r.nextInt(SIZE / 2);
            int x0 = r.nextInt(SIZE / 2);
            for (int y = y0; y < y0 + SIZE / 3; y++) {
                for (int x = x0; x < x0 + SIZE / 3; x++) {
                    mask[b * SIZE * SIZE + y * SIZE + x] = 1f;
                }
            }
        }
        return new NDArray[] {m.create(img, new Shape(BATCH, 3, SIZE, SIZE)), m.create(new long[] {0, 1, 1}),
                m.create(mask, new Shape(BATCH, 1, SIZE, SIZE))};
    }
}
