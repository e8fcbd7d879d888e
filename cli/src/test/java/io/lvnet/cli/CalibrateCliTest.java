package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.calibrate.CalibratedWeights;
import io.lvnet.calibrate.Calibration;
import io.lvnet.calibrate.Calibrator;
import io.lvnet.calibrate.OperatingPoint;
import io.lvnet.calibrate.Verdict;
import io.lvnet.calibrate.VerdictRule;
import io.lvnet.data.CompressionLevel;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import io.lvnet.synth.Method;
import io.lvnet.synth.SynthGenerator;
import io.lvnet.synth.SynthOptions;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.WeightsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lvnet calibrate's refusals, and what calibrated weights change in detect and eval. */
class CalibrateCliTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path weights;
    static Path calibrated;
    static Calibration calibration;
    static List<Path> pictures;

    @BeforeAll
    static void datasetAndWeights() throws Exception {
        data = dir.resolve("synth");
        new SynthGenerator(new SynthOptions(8, 1, 3, 96, 3, List.of(CompressionLevel.NONE),
                List.of(Method.FACESWAP, Method.DEEPFAKES), false, 2)).generate(data, "test", done -> { });
        weights = dir.resolve("tiny.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            LvNetConfig config = new LvNetConfig(Variant.SUPERVISED, 96, 0.125);
            WeightsFile.save(weights, config, StateDicts.export(LvNet.create(config, m)));
        }
        // a calibration fitted on generated margins (a random network's scores cannot be calibrated on)
        Random r = new Random(5);
        double[] z = new double[400];
        int[] y = new int[400];
        for (int i = 0; i < z.length; i++) {
            y[i] = i % 2;
            z[i] = r.nextGaussian() * 0.05 + (y[i] == 1 ? 0.03 : -0.03);
        }
        calibration = Calibrator.fit(z, y, Calibrator.Method.AUTO, "generated", "val");
        calibrated = dir.resolve("tiny.calibrated.safetensors");
        CalibratedWeights.write(weights, 299, calibrated, calibration);
        try (Stream<Path> s = Files.walk(data.resolve("frames"))) {
            pictures = s.filter(p -> p.toString().endsWith(".png")).sorted().limit(6).toList();
        }
    }

    @Test
    void aSplitWithTooFewFacesIsRefusedInOneLineAndNothingIsWritten() {
        CliRun r = CliRun.of("calibrate", "-w", weights.toString(), "-d", data.toString(), "--workers", "1");
        assertEquals(1, r.status(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().matches("(?s)lvnet calibrate: error: split 'val' has \\d+ real and \\d+ fake faces: "
                + "calibration needs at least 20 of each\\s*"), r.err());
        assertFalse(Files.exists(dir.resolve("refused.safetensors")));
    }

    @Test
    void theOriginalCannotBeTheOutputAndUnknownMethodsAreBadUsage() {
        CliRun same = CliRun.of("calibrate", "-w", weights.toString(), "-d", data.toString(), "-o", weights.toString());
        assertEquals(2, same.status(), same.err());
        assertTrue(same.err().contains("is the weights file being calibrated"), same.err());
        CliRun bad = CliRun.of("calibrate", "-w", weights.toString(), "-d", data.toString(), "--calibration", "platt");
        assertEquals(2, bad.status(), bad.err());
    }

    @Test
    void detectReportsCalibratedAndRawProbabilitiesWithVerdictsAtTheChosenPoint() throws Exception {
        for (String point : new String[] {null, "fpr5", "eer"}) {
            List<String> args = new java.util.ArrayList<>(List.of("detect", "-w", calibrated.toString(), "--face", "none", "--json"));
            if (point != null) {
                args.addAll(List.of("--operating-point", point));
            }
            pictures.forEach(p -> args.add(p.toString()));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, r.status(), r.err());
            assertTrue(r.err().contains("calibrated weights (isotonic"), r.err());
            JsonNode json = new ObjectMapper().readTree(r.out());
            OperatingPoint chosen = point == null ? OperatingPoint.FPR1 : OperatingPoint.of(point);
            VerdictRule rule = calibration.rule(chosen);
            assertTrue(json.get("verdicts").get("calibrated").asBoolean());
            assertEquals(chosen.label(), json.get("verdicts").get("operating_point").asText());
            assertEquals(rule.fakeFrom(), json.get("verdicts").get("fake_from").asDouble(), 0);
            for (JsonNode file : json.get("files")) {
                JsonNode face = file.get("faces").get(0);
                double l0 = face.get("logits").get(0).asDouble();
                double l1 = face.get("logits").get(1).asDouble();
                float raw = (float) face.get("raw_probability").asDouble();
                assertEquals(1 / (1 + Math.exp(l0 - l1)), raw, 1e-6);
                float p = (float) face.get("fake_probability").asDouble();
                assertEquals((float) calibration.probability((double) (float) l1 - (float) l0), p, 1e-6);
                assertNotEquals(raw, p, "the calibration moves the probability");
                assertEquals(rule.judge(p).label(), face.get("verdict").asText());
                if (chosen == OperatingPoint.EER && calibration.operatingPoints().lowestThreshold()
                        == calibration.operatingPoints().get(OperatingPoint.EER).threshold()) {
                    assertNotEquals(Verdict.INCONCLUSIVE.label(), face.get("verdict").asText());
                }
            }
        }
    }

    @Test
    void weightsWithoutCalibrationSaySoAndHaveNoOperatingPoints() throws Exception {
        CliRun r = CliRun.of("detect", "-w", weights.toString(), "--face", "none", "--json", "--threshold", "0.3",
                pictures.get(0).toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("weights without calibration"), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertFalse(json.get("verdicts").get("calibrated").asBoolean());
        JsonNode face = json.get("files").get(0).get("faces").get(0);
        assertEquals(face.get("raw_probability").asDouble(), face.get("fake_probability").asDouble(), 0);
        assertEquals(face.get("fake_probability").asDouble() >= 0.3 ? "fake" : "real", face.get("verdict").asText());

        CliRun refused = CliRun.of("detect", "-w", weights.toString(), "--face", "none", "--operating-point", "fpr5",
                pictures.get(0).toString());
        assertEquals(2, refused.status(), refused.err());
        assertTrue(refused.err().contains("no calibration"), refused.err());
        CliRun unknown = CliRun.of("detect", "-w", calibrated.toString(), "--face", "none", "--operating-point", "fpr2",
                pictures.get(0).toString());
        assertEquals(2, unknown.status(), unknown.err());
    }

    @Test
    void evalReportsCalibrationBeforeAndAfterWithAReliabilityDiagram() throws Exception {
        Path out = dir.resolve("report");
        CliRun r = CliRun.of("eval", "-w", calibrated.toString(), "-d", data.toString(), "--split", "test", "--json",
                "--workers", "1", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode c = new ObjectMapper().readTree(r.out()).get("calibration");
        assertTrue(c.get("calibrated").asBoolean());
        assertEquals("isotonic", c.get("method").asText());
        for (String k : new String[] {"ece_raw", "ece_calibrated", "brier_raw", "brier_calibrated", "tpr_at_fpr1", "tpr_at_fpr5"}) {
            assertTrue(c.get(k).isNumber(), k + " in " + c);
        }
        assertEquals(c.get("auc_raw").asDouble(), c.get("auc_calibrated").asDouble(), 0);
        assertTrue(c.get("operating_points").has("fpr1"));
        assertTrue(Files.size(out.resolve("reliability.png")) > 1000);
        assertTrue(Files.readString(out.resolve("report.md")).contains("| ece calibrated |"));
    }
}
