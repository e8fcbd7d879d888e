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
import ai.djl.engine.Engine;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.lvnet.loss.CrossEntropy;
import io.lvnet.loss.PatchLabels;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recomputing the early stages, or every stage, gives the gradients of keeping their activations
 * (to float rounding: the contributions are added in another order), the same loss and the same
 * batch-norm statistics, for the full network and for ablations that change what the stages hand
 * on (a single stream shares its maps; without MPFF two of them reach nothing outside the early
 * stages). Compared after one pass: Adam's first steps divide each gradient by its own size, which
 * makes rounding in a gradient of nearly zero a visible difference in the weight.
 */
class ForwardBackwardTest {
    private static final int SIZE = 96;
    private static final int BATCH = 3;
    /** Float rounding, relative to a tensor's largest gradient. */
    private static final double TOLERANCE = 1e-5;

    static Stream<Arguments> configurations() {
        LvNetConfig base = new LvNetConfig(Variant.SUPERVISED, SIZE, 0.125);
        Stream<Arguments> nets = Stream.of(
                Arguments.of("full", base),
                Arguments.of("rgb-only", base.withAblation(Ablation.singleStream(Ablation.Streams.RGB_ONLY))),
                Arguments.of("no-mpff", base.withAblation(new Ablation(true, true, false, Ablation.Streams.BOTH))));
        return nets.flatMap(a -> Stream.of(Recompute.EARLY, Recompute.ALL)
                .map(r -> Arguments.of(a.get()[0], a.get()[1], r)));
    }

    @ParameterizedTest(name = "{0}, recompute {2}")
    @MethodSource("configurations")
    void recomputedPassesGiveKeptOnesGradients(String name, LvNetConfig config, Recompute recompute) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet kept = LvNet.create(config, m);
            LvNet recomputed = LvNet.create(config, m);
            StateDicts.load(recomputed, StateDicts.export(kept), true);
            NDArray[] batch = batch(m, 3);
            double plainLoss = pass(kept, Recompute.NONE, batch, m);
            double recomputedLoss = pass(recomputed, recompute, batch, m);
            assertEquals(plainLoss, recomputedLoss, 1e-6, "loss");

            int compared = 0;
            for (Map.Entry<String, Parameter> e : kept.namedParameters().entrySet()) {
                Parameter p = e.getValue();
                Parameter q = recomputed.namedParameters().get(e.getKey());
                if (!p.requiresGradient()) {
                    // the running statistics: one training-mode pass's update, not two
                    if (p.getArray().getDataType() != ai.djl.ndarray.types.DataType.FLOAT32) {
                        assertTrue(p.getArray().contentEquals(q.getArray()), e.getKey());
                        continue;
                    }
                    assertClose(p.getArray().toFloatArray(), q.getArray().toFloatArray(), e.getKey());
                    continue;
                }
                assertClose(p.getArray().getGradient().toFloatArray(), q.getArray().getGradient().toFloatArray(),
                        e.getKey() + " gradient");
                compared++;
            }
            assertTrue(compared > 100, "compared " + compared + " gradients");
        }
    }

    /** One forward and backward of the training loss; the loss. */
    private static double pass(LvNet net, Recompute recompute, NDArray[] batch, NDManager m) {
        for (Parameter p : net.namedParameters().values()) {
            if (p.requiresGradient()) {
                p.getArray().setRequiresGradient(true);
            }
        }
        Engine.getInstance().setRandomSeed(11); // the heads' dropout draws the same masks
        NDArray targets = batch[1];
        NDArray patchTargets = PatchLabels.fromMasks(batch[2], net.config().patchGrid());
        return new ForwardBackward(net, recompute).run(new ParameterStore(m, false), batch[0], out -> {
            NDArray loss = CrossEntropy.of(out.logits(), targets).add(CrossEntropy.patches(out.segmentation(), patchTargets));
            return new ForwardBackward.Loss<>(loss, loss.getFloat(), (double) loss.getFloat());
        });
    }

    private static void assertClose(float[] u, float[] v, String what) {
        assertEquals(u.length, v.length, what);
        double largest = 0;
        for (float x : u) {
            largest = Math.max(largest, Math.abs(x));
        }
        for (int i = 0; i < u.length; i++) {
            assertEquals(u[i], v[i], TOLERANCE * largest + 1e-9, what + "[" + i + "]");
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
        return new NDArray[] {m.create(img, new Shape(BATCH, 3, SIZE, SIZE)), m.create(new long[] {0, 1, 1}).toType(ai.djl.ndarray.types.DataType.INT64, false),
                m.create(mask, new Shape(BATCH, 1, SIZE, SIZE))};
    }
}
