package io.lvnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import io.lvnet.model.layers.Bfloat16;
import io.lvnet.model.layers.MixedPrecisionParameters;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.TensorData;
import io.lvnet.weights.TensorType;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * bfloat16 mixed-precision training steps: gradients reach the float32 weights from their
 * bfloat16 copies, every weight that moves in a float32 step moves, the batch norms' running
 * statistics are updated (in float32, in place), and a step's loss and statistics stay near
 * float32's.
 */
class MixedPrecisionTrainingTest {
    private static final int SIZE = 96;
    private static final int BATCH = 4;

    @Test
    void gradientsOfTheBfloat16CopiesReachTheFloat32Weights() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {0.5f, -1.25f, 3f});
            NDArray v = m.create(new float[] {2f, 0.25f, -1f});
            w.setRequiresGradient(true);
            v.setRequiresGradient(true);
            MixedPrecisionParameters ps = new MixedPrecisionParameters(m, Bfloat16.shared());
            NDArray x = ps.toBfloat16(m.ones(new Shape(3)));
            // v's copy made where autograd is off (as recomputed early stages first run): a leaf
            assertFalse(JniUtils.isGradMode());
            NDArray vCopy = ps.weightFor(v, x);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray wCopy = ps.weightFor(w, x);
                assertTrue(Bfloat16.isBfloat16(wCopy));
                assertSame(wCopy, ps.weightFor(w, x), "one copy per weight and step");
                assertSame(vCopy, ps.weightFor(v, x));
                gc.backward(Bfloat16.toFloat32Recorded(wCopy.mul(wCopy).add(vCopy.mul(3f)).mul(x)).sum());
            }
            ps.passGradients();
            // d/dw sum(w^2 + 3v) = 2w, d/dv = 3: exact in bfloat16 for these values
            assertEquals(m.create(new float[] {1f, -2.5f, 6f}), w.getGradient());
            assertEquals(m.create(new float[] {3f, 3f, 3f}), v.getGradient());
            ps.close();
        }
    }

    @Test
    void aStepInBfloat16MovesEveryWeightAndStaysNearFloat32() throws Exception {
        LvNetConfig config = new LvNetConfig(Variant.SUPERVISED, SIZE, 0.25);
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet single = LvNet.create(config, m);
            LvNet mixed = LvNet.create(config, m);
            Map<String, TensorData> before = StateDicts.export(single);
            StateDicts.load(mixed, before, true);
            double lossSingle;
            double lossMixed;
            try (TrainingState a = TrainingState.start(single, 3); TrainingState b = TrainingState.start(mixed, 3)) {
                NDArray[] batch = batch(m);
                lossSingle = new SupervisedStep(single, a, new StepOptions(false, Recompute.ALL)).run(batch[0], batch[1], batch[2]).loss();
                lossMixed = new SupervisedStep(mixed, b, new StepOptions(false, Recompute.ALL).withBfloat16(true))
                        .run(batch[0], batch[1], batch[2]).loss();
            }
            assertTrue(Double.isFinite(lossMixed), "loss " + lossMixed);
            assertEquals(lossSingle, lossMixed, 0.02 * Math.abs(lossSingle), "loss");
            Map<String, TensorData> fp32 = StateDicts.export(single);
            Map<String, TensorData> bf16 = StateDicts.export(mixed);
            int moved = 0;
            int statistics = 0;
            double offSquared = 0;
            double updateSquared = 0;
            for (Map.Entry<String, TensorData> e : bf16.entrySet()) {
                String name = e.getKey();
                if (e.getValue().type() != TensorType.FLOAT32) {
                    continue;
                }
                float[] now = e.getValue().toFloats();
                float[] was = before.get(name).toFloats();
                float[] reference = fp32.get(name).toFloats();
                // a weight moves in bfloat16 where it does in float32 (some feed nothing)
                assertEquals(differs(reference, was), differs(now, was), name);
                if (name.endsWith("running_mean") || name.endsWith("running_var")) {
                    for (int i = 0; i < now.length; i++) {
                        double update = reference[i] - was[i];
                        offSquared += (now[i] - reference[i]) * (double) (now[i] - reference[i]);
                        updateSquared += update * update;
                    }
                    statistics++;
                } else if (differs(now, was)) {
                    moved++;
                }
            }
            // the statistics' updates (0.1 of the batch's) as float32's, within bfloat16's rounding
            double off = Math.sqrt(offSquared / updateSquared);
            assertTrue(off < 0.05, "running statistics' updates off by " + off + " (relative L2)");
            assertTrue(moved > 100 && statistics > 40, moved + " weights, " + statistics + " statistics");
        }
    }

    private static boolean differs(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return true;
            }
        }
        return false;
    }

    /** Random faces in [-1, 1], two real and two fake, a square mask on each fake. */
    private static NDArray[] batch(NDManager m) {
        Random r = new Random(11);
        float[] img = new float[BATCH * 3 * SIZE * SIZE];
        for (int i = 0; i < img.length; i++) {
            img[i] = r.nextFloat() * 2 - 1;
        }
        float[] mask = new float[BATCH * SIZE * SIZE];
        for (int b = 2; b < BATCH; b++) {
            for (int y = 20; y < 60; y++) {
                for (int x = 30; x < 70; x++) {
                    mask[b * SIZE * SIZE + y * SIZE + x] = 1f;
                }
            }
        }
        return new NDArray[] {m.create(img, new Shape(BATCH, 3, SIZE, SIZE)), m.create(new long[] {0, 0, 1, 1}),
                m.create(mask, new Shape(BATCH, 1, SIZE, SIZE))};
    }
}
