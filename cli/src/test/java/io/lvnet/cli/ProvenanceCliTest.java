package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.calibrate.CalibratedWeights;
import io.lvnet.calibrate.Calibrator;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import io.lvnet.provenance.ModelCard;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.WeightsFile;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provenance in detect's JSON, and the weights' card as {@code lvnet info --weights} shows it. */
class ProvenanceCliTest {
    @TempDir
    static Path dir;
    static Path weights;
    static List<Path> pictures = new ArrayList<>();

    @BeforeAll
    static void weightsAndPictures() throws Exception {
        weights = dir.resolve("tiny.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            LvNetConfig config = new LvNetConfig(Variant.SUPERVISED, 96, 0.125);
            WeightsFile.save(weights, config, StateDicts.export(LvNet.create(config, m)));
        }
        Random r = new Random(3);
        for (int i = 0; i < 2; i++) {
            BufferedImage img = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 96; x++) {
                    img.setRGB(x, y, r.nextInt(1 << 24));
                }
            }
            Path p = dir.resolve("face-" + i + ".png");
            ImageIO.write(img, "png", p.toFile());
            pictures.add(p);
        }
    }

    /** The digest as coreutils' {@code sha256sum} prints it. */
    static String sha256sum(Path file) throws Exception {
        Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return out.split("\\s+")[0];
    }

    @Test
    void detectJsonCarriesTheInputsAndWeightsDigestsTheVersionAndTheOptions() throws Exception {
        CliRun r = CliRun.of("detect", "-w", weights.toString(), "--face", "none", "--json", "--frames", "7",
                pictures.get(0).toString(), pictures.get(1).toString());
        assertEquals(0, r.status(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        for (int i = 0; i < 2; i++) {
            JsonNode file = doc.at("/files/" + i);
            assertEquals(sha256sum(Path.of(file.get("path").asText())), file.get("sha256").asText());
        }
        assertFalse(doc.at("/files/0/sha256").asText().equals(doc.at("/files/1/sha256").asText()));
        assertEquals(sha256sum(weights), doc.at("/provenance/weights/sha256").asText());
        assertEquals(weights.toString(), doc.at("/provenance/weights/file").asText());
        assertEquals(LvnetCommand.version(), doc.at("/provenance/lvnet_version").asText());
        assertEquals(7, doc.at("/provenance/options/frames").asInt());
        assertEquals("none", doc.at("/provenance/options/face").asText());
        assertEquals("1.3", doc.at("/provenance/options/crop-scale").asText(), "defaults are recorded too");
        assertTrue(doc.at("/provenance/options/help").isMissingNode());
    }

    @Test
    void thePrecisionThatRanIsRecordedAndBfloat16ScoresCloseToFloat32() throws Exception {
        JsonNode[] docs = new JsonNode[2];
        String[] precisions = {"fp32", "bf16"};
        for (int i = 0; i < 2; i++) {
            CliRun r = CliRun.of("detect", "-w", weights.toString(), "--face", "none", "--json", "--precision", precisions[i],
                    pictures.get(0).toString());
            assertEquals(0, r.status(), r.err());
            docs[i] = new ObjectMapper().readTree(r.out());
            assertEquals(precisions[i], docs[i].at("/provenance/options/precision").asText());
            assertTrue(docs[i].at("/provenance/options/bf16").isMissingNode(), "the old spelling is not recorded");
        }
        double fp32 = docs[0].at("/files/0/fake_probability").asDouble();
        double bf16 = docs[1].at("/files/0/fake_probability").asDouble();
        assertTrue(Math.abs(fp32 - bf16) < 0.05, fp32 + " against " + bf16);

        String auto = new ObjectMapper().readTree(CliRun.of("info", "--json").out()).get("precision_auto").asText();
        CliRun r = CliRun.of("detect", "-w", weights.toString(), "--face", "none", "--json", pictures.get(0).toString());
        assertEquals(auto, new ObjectMapper().readTree(r.out()).at("/provenance/options/precision").asText(),
                "auto runs what info says it picks");

        CliRun bad = CliRun.of("detect", "-w", weights.toString(), "--precision", "fp8", pictures.get(0).toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("unknown precision 'fp8' (expected auto, fp32 or bf16)"), bad.err());
    }

    @Test
    void weightsWithoutCalibrationOrCardLoadAndSaySo() throws Exception {
        CliRun r = CliRun.of("info", "--json", "-w", weights.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode w = new ObjectMapper().readTree(r.out()).get("weights");
        assertEquals(sha256sum(weights), w.get("sha256").asText());
        assertTrue(w.get("calibration").asText().startsWith("none:"), w.toString());
        assertTrue(w.get("model_card").asText().startsWith("none:"), w.toString());
        assertEquals(96, w.get("input_size").asInt());

        CliRun text = CliRun.of("info", "-w", weights.toString());
        assertEquals(0, text.status(), text.err());
        assertTrue(text.out().contains("calibration       none:"), text.out());
    }

    @Test
    void calibrateWritesItsSummaryIntoTheCardThatInfoShows() throws Exception {
        Random r = new Random(5);
        double[] z = new double[400];
        int[] y = new int[400];
        for (int i = 0; i < z.length; i++) {
            y[i] = i % 2;
            z[i] = r.nextGaussian() * 0.05 + (y[i] == 1 ? 0.03 : -0.03);
        }
        Path calibrated = dir.resolve("tiny.calibrated.safetensors");
        CalibratedWeights.write(weights, 299, calibrated, Calibrator.fit(z, y, Calibrator.Method.AUTO, "generated", "val"));
        JsonNode w = new ObjectMapper().readTree(CliRun.of("info", "--json", "-w", calibrated.toString()).out()).get("weights");
        assertTrue(w.get("calibration").asText().contains("fitted on 400 faces of split 'val'"), w.toString());
        JsonNode card = w.get("model_card");
        assertEquals(400, card.at("/calibration/faces").asInt(), card.toString());
        assertEquals("generated", card.at("/calibration/data").asText());
        assertTrue(card.at("/calibration/operating_points/fpr1/threshold").isNumber(), card.toString());
        assertTrue(card.get("licence").asText().startsWith("unknown"), "weights that came without a card say so");
        assertEquals(ModelCard.INTENDED_USE, card.get("intended_use").asText());
    }

    @Test
    void aMalformedCardIsRefusedInOneLineNamingTheFile() throws Exception {
        Path bad = dir.resolve("bad-card.safetensors");
        WeightsFile w = WeightsFile.read(weights, 299);
        WeightsFile.save(bad, w.config(), w.stateDict(), Map.of(ModelCard.METADATA_KEY, "[1, 2"));
        for (String[] args : List.of(new String[] {"info", "-w", bad.toString()},
                new String[] {"detect", "-w", bad.toString(), "--face", "none", pictures.get(0).toString()})) {
            CliRun r = CliRun.of(args);
            assertEquals(1, r.status(), r.out() + r.err());
            assertEquals(1, r.err().strip().lines().filter(l -> l.contains("error")).count(), r.err());
            assertTrue(r.err().contains(bad.toString()) && r.err().contains("model card"), r.err());
        }
    }
}
