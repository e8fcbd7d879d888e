package io.lvnet.model;

import io.lvnet.detect.Predictions;

import io.lvnet.detect.LvNetModel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.weights.StateDicts;
import io.lvnet.weights.TensorData;
import io.lvnet.weights.TorchCheckpointWriter;
import io.lvnet.weights.WeightsFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LvNetModelTest {
    @TempDir
    Path dir;

    private static float[] randomBatch(int n, int size, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 3 * size * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }

    @Test
    void ourFormatRoundTripsToIdenticalOutputs() throws Exception {
        LvNetConfig config = LvNetConfig.compact().withVariant(Variant.SEMI_SUPERVISED);
        float[] x = randomBatch(2, config.inputSize(), 1);
        Path file = dir.resolve("w.safetensors");
        Predictions before;
        try (LvNetModel model = LvNetModel.create(config)) {
            before = model.predict(x, 2);
            model.save(file);
        }
        try (LvNetModel loaded = LvNetModel.load(file)) {
            // weights must not live in buffers that GC may free or unmap (the file is memory-mapped)
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(50);
            }
            assertEquals(config, loaded.config());
            Predictions after = loaded.predict(x, 2);
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(before.logits()[i], after.logits()[i], 0f);
                for (int r = 0; r < config.patchGrid(); r++) {
                    assertArrayEquals(before.patchMap()[i][r], after.patchMap()[i][r], 0f);
                }
            }
            assertEquals(before.fakeProbability()[1], after.fakeProbability()[1], 0f);
            assertEquals(64, after.projection()[0].length);
        }
    }

    @Test
    void trainerCheckpointFromPythonLoadsWithInferredConfiguration() throws Exception {
        LvNetConfig config = LvNetConfig.compact();
        Map<String, TensorData> sd;
        Predictions expected;
        float[] x = randomBatch(1, config.inputSize(), 2);
        try (LvNetModel model = LvNetModel.create(config)) {
            sd = StateDicts.export(model.network());
            expected = model.predict(x, 1);
        }
        Path ckpt = TorchCheckpointWriter.write(dir.resolve("model_best.pth.tar"), sd, 7);
        try (LvNetModel loaded = LvNetModel.load(ckpt, config.inputSize())) {
            assertEquals(config, loaded.config());
            Predictions got = loaded.predict(x, 1);
            assertArrayEquals(expected.logits()[0], got.logits()[0], 0f);
            assertNull(got.projection());
        }
    }

    @Test
    void aStateDictOfAnotherModelIsRefusedNamingTheProblem() throws Exception {
        Map<String, TensorData> sd;
        try (LvNetModel model = LvNetModel.create(LvNetConfig.compact())) {
            sd = new LinkedHashMap<>(StateDicts.export(model.network()));
        }
        sd.remove("seg_header.2.weight");
        sd.put("extra.weight", TensorData.ofFloats(new long[] {1}, new float[] {1}));
        Path ckpt = TorchCheckpointWriter.write(dir.resolve("other.pth"), sd, 1);
        WeightsFormatException e = assertThrows(WeightsFormatException.class,
                () -> LvNetModel.load(ckpt, 160));
        assertTrue(e.getMessage().contains("1 missing: seg_header.2.weight"), e.getMessage());
        assertTrue(e.getMessage().contains("1 unexpected: extra.weight"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aSafetensorsFileWithoutOurMetadataIsRefused() throws Exception {
        Path f = dir.resolve("plain.safetensors");
        io.lvnet.weights.Safetensors.write(f, Map.of("a", TensorData.ofFloats(new long[] {1}, new float[] {1})), Map.of());
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> LvNetModel.load(f));
        assertTrue(e.getMessage().contains("without lvnet metadata"), e.getMessage());
        assertTrue(Files.exists(f));
    }
}
