package io.lvnet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.lvnet.loss.Mixup;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.weights.Safetensors;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.TensorData;
import io.lvnet.weights.WeightsFormatException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact resume: three steps uninterrupted against two steps, save, a fresh network loading
 * weights and training state, and the third step.
 */
class TrainingStateTest {
    private static final LvNetConfig CONFIG = LvNetConfig.compact();
    private static final int BATCH = 2;
    /** Parameters LVNet's forward never uses (reference names). */
    private static final List<String> UNUSED = List.of("xception_rgb.model.bn4.weight",
            "xception_rgb.model.block12.rep.1.pointwise.weight", "xception_srm.model.last_linear.1.weight",
            "cmc0.bn.weight", "cmc1.stage1.0.weight", "lfe2.bn.bias");

    @TempDir
    Path dir;

    /** A batch: random images in [-1, 1], labels real/fake, a random rectangle mask on the fake. */
    private record Batch(NDArray images, NDArray labels, NDArray masks) {
        static Batch random(NDManager m, long seed) {
            Random r = new Random(seed);
            int size = CONFIG.inputSize();
            float[] img = new float[BATCH * 3 * size * size];
            for (int i = 0; i < img.length; i++) {
                img[i] = r.nextFloat() * 2 - 1;
            }
            float[] mask = new float[BATCH * size * size];
            int y0 = r.nextInt(size / 2);
            int x0 = r.nextInt(size / 2);
            for (int y = y0; y < y0 + size / 3; y++) {
                for (int x = x0; x < x0 + size / 3; x++) {
                    mask[size * size + y * size + x] = 1f; // sample 1 is fake
                }
            }
            return new Batch(m.create(img, new Shape(BATCH, 3, size, size)), m.create(new long[] {0, 1}),
                    m.create(mask, new Shape(BATCH, 1, size, size)));
        }
    }

    /** The first seed whose step 2 mixes its batch, so that the resumed step exercises mixup. */
    private static long seedMixingAtStep2() {
        for (long s = 1; ; s++) {
            if (Mixup.draw(new StepSeed(s, 2).random(), BATCH).active()) {
                return s;
            }
        }
    }

    @Test
    void resumedRunMatchesTheUninterruptedOne() throws Exception {
        long seed = seedMixingAtStep2();
        Path weights = dir.resolve("weights.safetensors");
        Path stateFile = dir.resolve("state.safetensors");
        float uninterrupted;
        Map<String, TensorData> initial;
        Map<String, TensorData> expected;
        Map<String, Adam.ParameterState> expectedMoments;
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet net = LvNet.create(CONFIG, m);
            try (TrainingState run = TrainingState.start(net, seed)) {
                initial = StateDicts.export(net);
                SupervisedStep step = new SupervisedStep(net, run, StepOptions.DEFAULT);
                Batch b1 = Batch.random(m, 1);
                step.run(b1.images(), b1.labels(), b1.masks());
                run.beginEpoch(5); // a new epoch with a halved rate, to be restored too
                Batch b2 = Batch.random(m, 2);
                step.run(b2.images(), b2.labels(), b2.masks());
                Safetensors.write(weights, StateDicts.export(net), Map.of());
                run.save(stateFile);
                Batch b3 = Batch.random(m, 3);
                uninterrupted = (float) step.run(b3.images(), b3.labels(), b3.masks()).loss();
                expected = StateDicts.export(net);
                expectedMoments = run.optimizer().state();
            }
        }

        try (NDManager m = NDManager.newBaseManager()) {
            LvNet fresh = LvNet.create(CONFIG, m);
            StateDicts.load(fresh, Safetensors.read(weights).tensors(), true);
            try (TrainingState resumed = TrainingState.load(stateFile, fresh)) {
                assertEquals(seed, resumed.seed());
                assertEquals(5, resumed.epoch());
                assertEquals(2, resumed.step());
                assertEquals(2.5e-4, resumed.optimizer().learningRate());
                assertEquals(StepSchedule.reference(), resumed.schedule());
                assertEquals(AdamSettings.reference(), resumed.optimizer().settings());
                Batch b3 = Batch.random(m, 3);
                float again = (float) new SupervisedStep(fresh, resumed, StepOptions.DEFAULT).run(b3.images(), b3.labels(), b3.masks()).loss();
                assertEquals(Float.floatToIntBits(uninterrupted), Float.floatToIntBits(again),
                        "step-3 loss " + uninterrupted + " vs " + again);
                assertEquals(3, resumed.step());

                Map<String, TensorData> actual = StateDicts.export(fresh);
                assertEquals(expected.keySet(), actual.keySet());
                expected.forEach((name, t) -> assertTrue(t.bitEquals(actual.get(name)), name + " differs after resume"));
                Map<String, Adam.ParameterState> moments = resumed.optimizer().state();
                assertEquals(expectedMoments.keySet(), moments.keySet());
                expectedMoments.forEach((name, st) -> {
                    assertTrue(st.expAvg().bitEquals(moments.get(name).expAvg()), name);
                    assertTrue(st.expAvgSq().bitEquals(moments.get(name).expAvgSq()), name);
                    assertEquals(st.steps(), moments.get(name).steps(), name);
                });
            }
        }

        // parameters the forward never uses are untouched by three steps and have no moments
        for (String name : UNUSED) {
            assertTrue(initial.get(name).bitEquals(expected.get(name)), name + " changed");
            assertFalse(expectedMoments.containsKey(name), name + " has moments");
        }
        assertFalse(initial.get("cls_header.5.weight").bitEquals(expected.get("cls_header.5.weight")));
        assertFalse(initial.get("xception_srm.model.bn4.weight").bitEquals(expected.get("xception_srm.model.bn4.weight")));
        assertEquals(341, expectedMoments.size(), "the parameters that receive a gradient, as in lvnet_grad_names");
    }

    @Test
    void stepSeedsMakeDropoutReproducible() {
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet net = LvNet.create(CONFIG, m);
            Batch b = Batch.random(m, 1);
            float[] first = trainModeLogits(net, m, b, new StepSeed(7, 0));
            float[] same = trainModeLogits(net, m, b, new StepSeed(7, 0));
            float[] otherStep = trainModeLogits(net, m, b, new StepSeed(7, 1));
            assertArrayEquals(first, same);
            assertFalse(java.util.Arrays.equals(first, otherStep), "dropout should differ between steps");
        }
        assertEquals(new StepSeed(3, 9).random().nextLong(), new StepSeed(3, 9).random().nextLong());
        assertTrue(new StepSeed(3, 9).value() != new StepSeed(3, 10).value());
        assertTrue(new StepSeed(3, 9).value() != new StepSeed(4, 9).value());
    }

    private static float[] trainModeLogits(LvNet net, NDManager m, Batch b, StepSeed seed) {
        seed.seedEngine();
        // batch statistics do not depend on the running ones, so repeated passes see the same maps
        return net.forward(new ParameterStore(m, false), b.images(), true).logits().toFloatArray();
    }

    @Test
    void truncatedOrForeignFilesAreRefused() throws Exception {
        Path file = dir.resolve("state.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet net = LvNet.create(CONFIG, m);
            try (TrainingState run = TrainingState.start(net, 11)) {
                Batch b = Batch.random(m, 1);
                new SupervisedStep(net, run, StepOptions.DEFAULT.withMixup(false)).run(b.images(), b.labels(), b.masks());
                run.save(file);
            }
            try (TrainingState ok = TrainingState.load(file, net)) {
                assertEquals(1, ok.step());
            }
            long size = Files.size(file);
            for (long keep : new long[] {size - 1, size / 2, 20, 0}) {
                Path cut = dir.resolve("cut-" + keep + ".safetensors");
                Files.copy(file, cut);
                try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
                    ch.truncate(keep);
                }
                assertThrows(WeightsFormatException.class, () -> TrainingState.load(cut, net), "kept " + keep);
            }

            Path weights = dir.resolve("weights.safetensors");
            Safetensors.write(weights, StateDicts.export(net), Map.of());
            WeightsFormatException notState = assertThrows(WeightsFormatException.class,
                    () -> TrainingState.load(weights, net));
            assertTrue(notState.getMessage().contains("not a training state"), notState.getMessage());

            LvNet wider = LvNet.create(new LvNetConfig(CONFIG.variant(), CONFIG.inputSize(), 0.3), m);
            WeightsFormatException misfit = assertThrows(WeightsFormatException.class,
                    () -> TrainingState.load(file, wider));
            assertTrue(misfit.getMessage().contains("shapes"), misfit.getMessage());
        }
    }

    @Test
    void inconsistentStateIsRefused() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet net = LvNet.create(CONFIG, m);
            Path file = dir.resolve("state.safetensors");
            Map<String, String> meta = Map.of("format", TrainingStateFile.FORMAT, "format_version", "1",
                    "state", "{\"seed\": 1, \"epoch\": 0}");
            Safetensors.write(file, Map.of(), meta);
            WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> TrainingState.load(file, net));
            assertTrue(e.getMessage().contains("optimizer"), e.getMessage());
        }
    }

    @Test
    void aWeightAverageOutOfRangeOrMissingIsRefused() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet net = LvNet.create(CONFIG, m);
            Path file = dir.resolve("state.safetensors");
            try (TrainingState fresh = TrainingState.start(net, 3)) {
                fresh.save(file);
            }
            var content = Safetensors.read(file);
            String state = content.metadata().get("state");
            Map<String, String> meta = new java.util.LinkedHashMap<>(content.metadata());
            meta.put("state", state.substring(0, state.length() - 1) + ",\"weight_average\":{\"decay\":0.9,\"updates\":-3}}");
            Path negative = dir.resolve("negative.safetensors");
            Safetensors.write(negative, content.tensors(), meta);
            WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> TrainingState.load(negative, net));
            assertTrue(e.getMessage().contains("weight_average"), e.getMessage());

            Map<String, io.lvnet.weights.TensorData> stray = new java.util.LinkedHashMap<>(content.tensors());
            stray.put("network/srm.weight", io.lvnet.weights.TensorData.ofFloats(new long[] {1}, new float[] {1}));
            Path orphan = dir.resolve("orphan.safetensors");
            Safetensors.write(orphan, stray, content.metadata());
            e = assertThrows(WeightsFormatException.class, () -> TrainingState.load(orphan, net));
            assertTrue(e.getMessage().contains("no weight average"), e.getMessage());
        }
    }
}
