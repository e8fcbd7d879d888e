package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.data.CompressionLevel;
import io.lvnet.synth.Method;
import io.lvnet.synth.SynthGenerator;
import io.lvnet.synth.SynthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lvnet generalise}: one run per held-out method, tested on it alone; resumable per fold. */
class GeneraliseCliTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path config;

    @BeforeAll
    static void dataset() throws Exception {
        data = dir.resolve("synth");
        new SynthGenerator(new SynthOptions(8, 1, 3, 96, 3, List.of(CompressionLevel.NONE),
                List.of(Method.FACESWAP, Method.DEEPFAKES), false, 2)).generate(data, "test", done -> { });
        config = Files.writeString(dir.resolve("tiny.yaml"), """
                datasets:
                  root: elsewhere
                  image_size: 96
                  train: {split: train, downsample: 1, batch_size: 8}
                  val: {split: val, batch_size: 8}
                train:
                  epoch: 1
                  save_path: elsewhere
                model:
                  width: 0.125
                """);
    }

    @Test
    void eachMethodIsHeldOutOfItsRunAndTestedAloneAndFinishedFoldsAreNotRunAgain() throws Exception {
        Path out = dir.resolve("lomo");
        String[] args = {"generalise", "-c", config.toString(), "-d", data.toString(), "-o", out.toString(),
            "--methods", "Deepfakes,FaceSwap", "--set", "train.manual_seed=7"};
        CliRun r = CliRun.of(args);
        assertEquals(0, r.status(), r.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("generalisation.json").toFile());
        assertEquals("leave-one-method-out", report.get("protocol").asText());
        assertEquals(2, report.get("folds").size());
        JsonNode deepfakes = report.at("/folds/0");
        assertEquals("Deepfakes", deepfakes.get("held_out").asText());
        assertEquals(List.of("FaceSwap"), List.of(deepfakes.at("/trained_on/0").asText()));
        assertEquals("Deepfakes", report.at("/folds/1/trained_on/0").asText());
        double auc = deepfakes.get("frame_auc").asDouble();
        assertTrue(auc >= 0 && auc <= 1, deepfakes.toString());
        assertEquals((deepfakes.get("frame_auc").asDouble() + report.at("/folds/1/frame_auc").asDouble()) / 2,
                report.get("mean_frame_auc").asDouble(), 1e-12);
        // the run read only the other method's fakes: its model card says what it trained on
        io.lvnet.provenance.ModelCard card = io.lvnet.provenance.ModelCard.fromMetadata(io.lvnet.weights.WeightsFile.read(
                out.resolve("Deepfakes").resolve("best.safetensors"), 299).metadata());
        Object trained = ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) card.recipe().get("datasets")).get("train")).get("method");
        assertEquals(List.of("FaceSwap"), trained, card.recipe().toString());
        String md = Files.readString(out.resolve("generalisation.md"));
        assertTrue(md.contains("| Deepfakes | FaceSwap |") && md.contains("| **mean** |"), md);
        // the recipe the table measures: the configuration and what every fold overrode
        assertEquals("train.manual_seed=7", report.at("/overrides/0").asText());
        assertTrue(md.contains("with `--set train.manual_seed=7`."), md);

        // again: both folds are read back, nothing is trained or scored
        FileTime before = Files.getLastModifiedTime(out.resolve("Deepfakes.json"));
        CliRun again = CliRun.of(args);
        assertEquals(0, again.status(), again.err());
        assertEquals(2, again.err().lines().filter(l -> l.contains("done before")).count(), again.err());
        assertFalse(again.err().contains("training a run"), again.err());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("Deepfakes.json")));

        // a fold whose result was lost is scored again from its finished run, not trained again
        Files.delete(out.resolve("FaceSwap.json"));
        CliRun rescored = CliRun.of(args);
        assertEquals(0, rescored.status(), rescored.err());
        assertFalse(rescored.err().contains("training a run") || rescored.err().contains("resuming"), rescored.err());
        assertEquals(report.at("/folds/1/frame_auc").asDouble(),
                new ObjectMapper().readTree(out.resolve("FaceSwap.json").toFile()).get("frame_auc").asDouble(), 1e-9);
    }

    @Test
    void aSingleMethodCannotBeLeftOutAndAnUnknownOneIsNamed() {
        CliRun one = CliRun.of("generalise", "-c", config.toString(), "-d", data.toString(), "-o", dir.resolve("one").toString(),
                "--methods", "Deepfakes");
        assertEquals(1, one.status());
        assertTrue(one.err().contains("at least two methods"), one.err());
        CliRun unknown = CliRun.of("generalise", "-c", config.toString(), "-d", data.toString(), "-o",
                dir.resolve("unknown").toString(), "--methods", "Deepfakes,Face2Face");
        assertEquals(1, unknown.status());
        assertEquals(1, unknown.err().strip().lines().filter(l -> l.startsWith("lvnet generalise: error")).count(), unknown.err());
    }
}
