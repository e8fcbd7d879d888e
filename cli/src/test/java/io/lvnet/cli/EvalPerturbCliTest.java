package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.data.CompressionLevel;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import io.lvnet.synth.Method;
import io.lvnet.synth.SynthGenerator;
import io.lvnet.synth.SynthOptions;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.WeightsFile;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lvnet eval --perturb: AUC per perturbation level in the JSON, the Markdown report and curves. */
class EvalPerturbCliTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path weights;

    @BeforeAll
    static void datasetAndWeights() throws Exception {
        data = dir.resolve("synth");
        new SynthGenerator(new SynthOptions(8, 1, 2, 96, 3, List.of(CompressionLevel.NONE),
                List.of(Method.FACESWAP), false, 2)).generate(data, "test", done -> { });
        weights = dir.resolve("random.safetensors");
        LvNetConfig config = new LvNetConfig(Variant.SUPERVISED, 64, 0.125);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            WeightsFile.save(weights, config, StateDicts.export(LvNet.create(config, m)));
        }
    }

    @Test
    void reportsEveryLevelOfEveryPerturbation() throws Exception {
        Path out = dir.resolve("report");
        CliRun r = CliRun.of("eval", "-w", weights.toString(), "-d", data.toString(), "--split", "test", "--json",
                "--out", out.toString(), "--perturb", "jpeg:90,50", "resize:0.5");
        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode robustness = json.get("robustness");
        List<String> kinds = new java.util.ArrayList<>();
        robustness.fieldNames().forEachRemaining(kinds::add);
        assertEquals(List.of("jpeg", "resize"), kinds);
        JsonNode jpeg = robustness.get("jpeg");
        assertEquals("JPEG quality", jpeg.get("parameter").asText());
        assertEquals(2, jpeg.get("levels").size());
        assertEquals(90, jpeg.get("levels").get(0).get("level").asInt());
        assertEquals(0.5, robustness.get("resize").get("levels").get(0).get("level").asDouble());
        for (JsonNode level : jpeg.get("levels")) {
            assertEquals(json.get("frames").asInt(), level.get("frames").asInt());
            double auc = level.get("frame_auc").asDouble();
            assertTrue(auc >= 0 && auc <= 1, level.toString());
            assertEquals(auc - json.get("frame_auc").asDouble(), level.get("frame_auc_change").asDouble(), 1e-9);
            assertTrue(level.has("video_auc") && level.has("patch_auc") && level.has("acc"), level.toString());
        }
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## robustness") && md.contains("| jpeg | 50 |") && md.contains("| resize | 0.5 |")
                && md.contains("![jpeg](robustness-jpeg.png)"), md);
        for (String png : new String[] {"robustness-jpeg.png", "robustness-resize.png"}) {
            BufferedImage img = ImageIO.read(out.resolve(png).toFile());
            assertEquals(640, img.getWidth(), png);
        }
        assertEquals(json, new ObjectMapper().readTree(Files.readString(out.resolve("report.json"))));
    }

    @Test
    void refusesABadSpecWithOneLineAndUsageStatus() {
        for (String bad : new String[] {"jpeg:0", "gif:5", "resize", "noise:5,5"}) {
            CliRun r = CliRun.of("eval", "-w", weights.toString(), "-d", data.toString(), "--perturb", bad);
            assertEquals(2, r.status(), bad + ": " + r.err());
            // the error in one line, then only picocli's pointer to the help
            List<String> lines = r.err().strip().lines().filter(l -> !l.isBlank()).toList();
            assertTrue(lines.get(0).startsWith("lvnet: bad perturbation '" + bad + "': "), r.err());
            assertTrue(lines.size() == 1 || lines.size() == 2 && lines.get(1).startsWith("Try 'lvnet eval --help'"), r.err());
        }
    }

    @Test
    void bfloat16IsMeasuredAgainstFloat32OnTheDataSetsFaces() throws Exception {
        CliRun fp32 = CliRun.of("eval", "-w", weights.toString(), "-d", data.toString(), "--split", "test", "--json");
        CliRun bf16 = CliRun.of("eval", "-w", weights.toString(), "-d", data.toString(), "--split", "test", "--json",
                "--precision", "bf16");
        assertEquals(0, fp32.status(), fp32.err());
        assertEquals(0, bf16.status(), bf16.err());
        JsonNode a = new ObjectMapper().readTree(fp32.out());
        JsonNode b = new ObjectMapper().readTree(bf16.out());
        assertEquals("fp32", a.get("precision").asText(), "eval measures in float32 unless told");
        assertEquals("bf16", b.get("precision").asText());

        CliRun bench = CliRun.of("bench", "-w", weights.toString(), "--size", "64", "--iterations", "1", "--warmup", "0",
                "--precision", "bf16", "-d", data.toString(), "--json");
        assertEquals(0, bench.status(), bench.err());
        JsonNode d = new ObjectMapper().readTree(bench.out()).get("deviation_on_faces");
        assertEquals(a.get("frames").asInt(), d.get("faces").asInt());
        assertEquals(a.get("frame_auc").asDouble(), d.get("frame_auc_fp32").asDouble(), 1e-9, "the same faces as eval's");
        assertEquals(b.get("frame_auc").asDouble(), d.get("frame_auc_bf16").asDouble(), 1e-9);
        double max = d.get("max_abs_probability").asDouble();
        double mean = d.get("mean_abs_probability").asDouble();
        assertTrue(max > 0 && max < 0.05 && mean <= max, d.toString());
        assertTrue(d.get("max_abs_patch_probability").asDouble() > 0, d.toString());

        CliRun fp32Bench = CliRun.of("bench", "-w", weights.toString(), "--size", "64", "--precision", "fp32", "-d", data.toString());
        assertEquals(2, fp32Bench.status());
        assertTrue(fp32Bench.err().contains("-d measures bfloat16's deviation from float32: it needs --precision bf16"),
                fp32Bench.err());
    }
}
