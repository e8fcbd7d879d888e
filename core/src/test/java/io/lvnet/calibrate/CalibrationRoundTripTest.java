package io.lvnet.calibrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.detect.LvNetModel;
import io.lvnet.model.Variant;
import io.lvnet.weights.Safetensors;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.TensorData;
import io.lvnet.weights.WeightsFile;
import io.lvnet.weights.WeightsFormatException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationRoundTripTest {
    @TempDir
    static Path dir;
    static Path weights;
    static Calibration calibration;

    @BeforeAll
    static void weightsAndCalibration() throws Exception {
        weights = dir.resolve("tiny.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            LvNetConfig config = new LvNetConfig(Variant.SUPERVISED, 96, 0.125);
            WeightsFile.save(weights, config, StateDicts.export(LvNet.create(config, m)), Map.of("note", "kept"));
        }
        Object[] faces = CalibratorTest.faces(600, 7);
        calibration = Calibrator.fit((double[]) faces[0], (int[]) faces[1], Calibrator.Method.AUTO, "data/synth", "val");
    }

    @Test
    void theJsonRoundTripsExactly() {
        Calibration back = Calibration.fromJson(calibration.toJson());
        assertEquals(calibration.toJson(), back.toJson());
        assertEquals(calibration.temperature(), back.temperature());
        assertEquals(calibration.operatingPoints(), back.operatingPoints());
        assertEquals(calibration.fit(), back.fit());
        for (double m = -20; m <= 20; m += 0.37) {
            assertEquals(calibration.probability(m), back.probability(m), 0);
        }
    }

    @Test
    void aCalibratedCopyCarriesItAndLeavesTheOriginalUntouched() throws Exception {
        byte[] before = sha256(weights);
        Path copy = CalibratedWeights.defaultTarget(weights);
        assertEquals("tiny.calibrated.safetensors", copy.getFileName().toString());
        CalibratedWeights.write(weights, 299, copy, calibration);
        assertArrayEquals(before, sha256(weights), "the original is not written");

        WeightsFile original = WeightsFile.read(weights, 299);
        WeightsFile calibrated = WeightsFile.read(copy, 299);
        assertEquals(original.config(), calibrated.config());
        assertEquals("kept", calibrated.metadata().get("note"), "other metadata is kept");
        assertEquals(original.stateDict().keySet(), calibrated.stateDict().keySet());
        for (Map.Entry<String, TensorData> e : original.stateDict().entrySet()) {
            assertEquals(e.getValue().data(), calibrated.stateDict().get(e.getKey()).data(), e.getKey());
        }
        try (LvNetModel plain = LvNetModel.load(weights); LvNetModel model = LvNetModel.load(copy)) {
            assertNull(plain.calibration(), "weights without calibration load and say so");
            assertNotNull(model.calibration());
            assertEquals(calibration.toJson(), model.calibration().toJson());
        }
        // calibrating again replaces the calibration rather than adding one
        CalibratedWeights.write(copy, 299, dir.resolve("again.safetensors"), calibration);
        assertEquals(calibration.toJson(), WeightsFile.read(dir.resolve("again.safetensors"), 299).metadata().get("calibration"));
    }

    @Test
    void theOriginalIsNeverTheTarget() throws Exception {
        byte[] before = sha256(weights);
        assertThrows(FileAlreadyExistsException.class, () -> CalibratedWeights.write(weights, 299, weights, calibration));
        Path link = Files.createSymbolicLink(dir.resolve("link.safetensors"), weights);
        assertThrows(FileAlreadyExistsException.class, () -> CalibratedWeights.write(weights, 299, link, calibration));
        assertArrayEquals(before, sha256(weights));
    }

    @Test
    void aBrokenCalibrationIsRefusedInOneLine() throws Exception {
        WeightsFile w = WeightsFile.read(weights, 299);
        Map<String, String> meta = new LinkedHashMap<>(w.metadata());
        meta.put("calibration", calibration.toJson().replaceFirst("\"temperature\":[0-9.eE-]+", "\"temperature\":-1"));
        Path bad = dir.resolve("bad.safetensors");
        Safetensors.write(bad, w.stateDict(), meta);
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> LvNetModel.load(bad).close());
        assertTrue(e.getMessage().startsWith(bad + ": bad calibration in metadata: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertThrows(IllegalArgumentException.class, () -> Calibration.fromJson("{\"format\": \"other\"}"));
        assertThrows(IllegalArgumentException.class, () -> Calibration.fromJson("not json"));
    }

    private static byte[] sha256(Path f) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
    }
}
