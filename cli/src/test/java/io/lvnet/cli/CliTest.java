package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.data.FaceCropPreprocessor;
import io.lvnet.detect.DetectionReport;
import io.lvnet.detect.FileResult;
import io.lvnet.model.LvNetConfig;
import io.lvnet.detect.LvNetModel;
import io.lvnet.detect.Predictions;
import io.lvnet.testing.Goldens;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.TorchCheckpointWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    static Path dir;
    static Path checkpoint;

    @BeforeAll
    static void trainerCheckpoint() throws Exception {
        try (LvNetModel model = LvNetModel.create(LvNetConfig.compact())) {
            checkpoint = TorchCheckpointWriter.write(dir.resolve("model_best.pth.tar"), StateDicts.export(model.network()), 3);
        }
    }

    @Test
    void infoReportsEngineDeviceThreadsAndOfflineMode() throws Exception {
        CliRun r = CliRun.of("info", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode info = new ObjectMapper().readTree(r.out());
        assertEquals("PyTorch", info.get("engine").asText());
        assertEquals("2.7.1", info.get("engine_version").asText());
        assertTrue(info.get("offline").asBoolean());
        assertTrue(info.get("intra_op_threads").asInt() >= 1);
        assertTrue(info.get("cpu").asText().length() > 0 && info.get("cpu_extensions").isArray()
                && info.get("bf16_native").isBoolean(), info.toString());
        assertEquals("cpu()", info.get("device").asText());
    }

    @Test
    void convertThenDetectScoresAsTheLibraryDoes() throws Exception {
        Path out = dir.resolve("converted.safetensors");
        CliRun conv = CliRun.of("convert", checkpoint.toString(), out.toString(), "--input-size", "160");
        assertEquals(0, conv.status(), conv.err());
        assertTrue(conv.out().contains("PyTorch checkpoint (epoch 3)"), conv.out());
        assertTrue(conv.out().contains("loaded 695 entries"), conv.out());

        Path image = Goldens.file("resize_source.png");
        // float32, as the library scores below (auto picks bfloat16 where the CPU has it)
        CliRun det = CliRun.of("detect", "--weights", out.toString(), "--face", "none", "--precision", "fp32", "--json",
                image.toString());
        assertEquals(0, det.status(), det.err());
        DetectionReport report = DetectionReport.fromJson(det.out());
        FileResult file = report.files().get(0);
        assertEquals("image", file.type());
        assertNull(file.error());
        assertArrayEquals(new int[] {0, 0, 400, 360}, file.faces().get(0).box());
        assertEquals(10, file.faces().get(0).patchMap().length);

        try (LvNetModel model = LvNetModel.load(out)) {
            Predictions p = model.predict(FaceCropPreprocessor.normalisedChw(image, 160), 1);
            assertEquals(p.fakeProbability()[0], file.fakeProbability(), 1e-6f);
            assertArrayEquals(p.logits()[0], file.faces().get(0).logits(), 1e-6f);
        }
        // the PyTorch checkpoint itself is accepted as --weights too
        CliRun direct = CliRun.of("detect", "-w", checkpoint.toString(), "--input-size", "160", "--face", "none",
                "--precision", "fp32", "--json", image.toString());
        assertEquals(report.files().get(0).fakeProbability(),
                DetectionReport.fromJson(direct.out()).files().get(0).fakeProbability(), 1e-6f);
    }

    @Test
    void anUnreadableImageIsReportedInItsEntryAndTheExitStatusIsOne() throws Exception {
        Path bad = Files.writeString(dir.resolve("not-an-image.png"), "hello");
        CliRun det = CliRun.of("detect", "-w", checkpoint.toString(), "--input-size", "160", "--face", "none", "--json",
                Goldens.file("resize_source.png").toString(), bad.toString());
        assertEquals(1, det.status());
        DetectionReport report = DetectionReport.fromJson(det.out());
        assertEquals(2, report.files().size());
        assertNull(report.files().get(0).error());
        assertTrue(report.files().get(1).error().contains("not an image"), report.files().get(1).error());
        assertNull(report.files().get(1).fakeProbability());
    }

    @Test
    void badWeightsGiveOneLineAndExitOne() throws Exception {
        Path junk = dir.resolve("junk.pth");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        for (String[] args : new String[][] {
            {"convert", junk.toString(), dir.resolve("x.safetensors").toString()},
            {"detect", "-w", junk.toString(), Goldens.file("resize_source.png").toString()},
            {"detect", "-w", dir.resolve("missing.pth").toString(), Goldens.file("resize_source.png").toString()}}) {
            CliRun r = CliRun.of(args);
            assertEquals(1, r.status(), String.join(" ", args));
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("lvnet " + args[0] + ": error: "), r.err());
        }
        assertTrue(CliRun.of("detect", "-w", dir.resolve("missing.pth").toString(), "x.png").err().contains("no such file"));
        assertTrue(Files.notExists(dir.resolve("x.safetensors")));
    }

    @Test
    void everyKindOfBadCheckpointGetsOneLineNamingTheProblem() throws Exception {
        Path small = Goldens.file("small_checkpoint.pth.tar");
        java.util.Map<Path, String> cases = new java.util.LinkedHashMap<>();
        cases.put(io.lvnet.weights.BadCheckpoints.truncated(dir, small), "");
        cases.put(io.lvnet.weights.BadCheckpoints.randomBytes(dir), "");
        cases.put(io.lvnet.weights.BadCheckpoints.zipWithoutCheckpoint(dir), "data.pkl");
        cases.put(io.lvnet.weights.BadCheckpoints.disallowedGlobal(dir), "os.system");
        cases.put(small, "not an LVNet checkpoint"); // a state dict of another model
        for (var c : cases.entrySet()) {
            for (String[] args : new String[][] {
                {"convert", c.getKey().toString(), dir.resolve("out.safetensors").toString()},
                {"detect", "-w", c.getKey().toString(), Goldens.file("resize_source.png").toString()}}) {
                CliRun r = CliRun.of(args);
                assertEquals(1, r.status(), args[0] + " " + c.getKey());
                assertEquals(1, r.err().strip().lines().count(), r.err());
                assertTrue(r.err().contains(c.getKey().toString()), "names the file: " + r.err());
                assertTrue(r.err().contains(c.getValue()), r.err());
                assertTrue(r.out().isEmpty(), r.out());
            }
        }
        assertTrue(Files.notExists(dir.resolve("out.safetensors")));
    }

    @Test
    void badUsageExitsTwoWithAHint() {
        CliRun r = CliRun.of("detect", Goldens.file("resize_source.png").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("Missing required option: '--weights=FILE'"), r.err());
        assertTrue(r.err().contains("lvnet detect --help"), r.err());
        assertEquals(2, CliRun.of("frobnicate").status());
    }
}
