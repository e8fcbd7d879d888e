package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lvnet train and lvnet eval from the command line, on a tiny synthetic dataset. */
class TrainEvalCliTest {
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
                  root: %s
                  image_size: 96
                  train: {split: train, downsample: 1, batch_size: 8}
                  val: {split: val, batch_size: 8}
                train:
                  epoch: 1
                  save_path: %s
                model:
                  width: 0.125
                """.formatted(data, dir.resolve("run")));
    }

    @Test
    void trainsSavesEvaluatesAndReports() throws Exception {
        CliRun train = CliRun.of("train", "-c", config.toString());
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("best epoch 0"), train.out());
        Path best = dir.resolve("run").resolve("best.safetensors");
        assertTrue(Files.exists(best));
        assertTrue(Files.exists(dir.resolve("run").resolve("epochs.csv")));
        // the best weights carry a model card with the data, the recipe and that epoch's metrics
        io.lvnet.provenance.ModelCard card = io.lvnet.provenance.ModelCard.fromMetadata(
                io.lvnet.weights.WeightsFile.read(best, 299).metadata());
        String epoch0 = Files.readAllLines(dir.resolve("run").resolve("epochs.csv")).get(1);
        assertEquals(Double.parseDouble(epoch0.split(",")[3]), ((Number) card.metrics().get("val_auc")).doubleValue(), 1e-6);
        assertEquals(0, card.metrics().get("epoch"));
        assertEquals(data.toString(), card.trainingData().get("root"));
        assertTrue(((Number) card.trainingData().get("train_faces_per_epoch")).longValue() > 0, card.toString());
        assertEquals(io.lvnet.provenance.ModelCard.INTENDED_USE, card.intendedUse());
        assertTrue(card.recipe().get("effective") instanceof java.util.Map<?, ?> e && e.get("epochs").equals(1)
                && e.get("optimizer") instanceof java.util.Map<?, ?> adam && adam.get("lr") != null, card.toString());
        CliRun info = CliRun.of("info", "--json", "-w", best.toString());
        assertEquals(0, info.status(), info.err());
        assertEquals(card.metrics().get("val_auc"),
                new ObjectMapper().readTree(info.out()).at("/weights/model_card/metrics/val_auc").asDouble());

        Path report = dir.resolve("report");
        CliRun eval = CliRun.of("eval", "-w", best.toString(), "-d", data.toString(), "--split", "test", "--json",
                "--out", report.toString());
        assertEquals(0, eval.status(), eval.err());
        JsonNode json = new ObjectMapper().readTree(eval.out());
        for (String k : new String[] {"frame_auc", "video_auc", "eer", "ap", "acc", "patch_auc", "patch_iou"}) {
            assertTrue(json.has(k), k);
        }
        assertTrue(json.get("per_method").has("FaceSwap") && json.get("per_method").has("Deepfakes"), json.toString());
        assertTrue(Files.size(report.resolve("roc.png")) > 1000);
        assertTrue(Files.readString(report.resolve("report.md")).contains("| frame auc |"));

        // a second run in the same folder needs --resume; resuming a finished run trains nothing more
        assertEquals(1, CliRun.of("train", "-c", config.toString()).status());
        CliRun resumed = CliRun.of("train", "-c", config.toString(), "--resume");
        assertEquals(0, resumed.status(), resumed.err());
    }

    @Test
    void semiSupervisedTrainingRunsWithoutMasksAndLocatesAgainstTheTrueOnes() throws Exception {
        CliRun train = CliRun.of("train", "-c", config.toString(), "--set", "model.variant=semi",
                "--set", "train.save_path=" + dir.resolve("semi"));
        assertEquals(0, train.status(), train.err());
        // the synthetic fakes have masks, so the pseudo labels are scored against them in every epoch
        for (String row : Files.readAllLines(dir.resolve("semi").resolve("epochs.csv")).subList(1, 2)) {
            String[] cells = row.split(",", -1);
            double precision = Double.parseDouble(cells[15]);
            assertTrue(precision >= 0 && precision <= 1 && Double.parseDouble(cells[16]) >= 0, row);
        }
        assertTrue(train.err().contains("SSPSL labels "), train.err());
        assertTrue((train.out() + train.err()).contains("regions: index (the data set ships them)"), train.err());
        Path best = dir.resolve("semi").resolve("best.safetensors");
        CliRun eval = CliRun.of("eval", "-w", best.toString(), "-d", data.toString(), "--split", "val", "--json");
        assertEquals(0, eval.status(), eval.err());
        assertTrue(new ObjectMapper().readTree(eval.out()).get("patch_auc").isNumber());
    }

    @Test
    void aSemiSupervisedRunFromOtherWeightsWithAFixedLabellerResumesExactly() throws Exception {
        Path start = dir.resolve("start.safetensors");
        LvNetConfig supervised = new LvNetConfig(Variant.SUPERVISED, 96, 0.125);
        try (NDManager m = NDManager.newBaseManager()) {
            WeightsFile.save(start, supervised, StateDicts.export(LvNet.create(supervised, m)));
        }
        String[] common = {"--set", "model.variant=semi", "--set", "train.init_weights=" + start,
            "--set", "train.sspsl_labeller=initial"};
        Path straight = dir.resolve("fixed-straight");
        Path resumed = dir.resolve("fixed-resumed");
        assertEquals(0, train(common, "train.epoch=2", straight).status());
        assertEquals(0, train(common, "train.epoch=1", resumed).status());
        CliRun more = train(common, "train.epoch=2", resumed, "--resume");
        assertEquals(0, more.status(), more.err());
        assertTrue(Files.isRegularFile(straight.resolve("checkpoints/labeller.safetensors")));
        assertSameWeights(straight.resolve("checkpoints/epoch-001.safetensors"),
                resumed.resolve("checkpoints/epoch-001.safetensors"));
    }

    @Test
    void selfBlendingOnRealFacesAloneResumesExactly() throws Exception {
        // no fake is read: the real frames of each split, half of every batch self-blended
        String[] common = {"--set", "datasets.train.method=[original]", "--set", "datasets.val.method=[original]",
            "--set", "datasets.self_blend={share: 0.5}", "--set", "datasets.val.repeat=2"};
        Path straight = dir.resolve("sbi-straight");
        Path resumed = dir.resolve("sbi-resumed");
        CliRun first = train(common, "train.epoch=2", straight);
        assertEquals(0, first.status(), first.err());
        assertEquals(0, train(common, "train.epoch=1", resumed).status());
        CliRun more = train(common, "train.epoch=2", resumed, "--resume");
        assertEquals(0, more.status(), more.err());
        assertSameWeights(straight.resolve("checkpoints/epoch-001.safetensors"),
                resumed.resolve("checkpoints/epoch-001.safetensors"));
        // validation had fakes to score: its faces are blended too
        assertTrue(Files.readString(straight.resolve("epochs.csv")).lines().skip(1)
                .allMatch(l -> !l.contains("NaN")), Files.readString(straight.resolve("epochs.csv")));
        CliRun noFakes = train(new String[] {"--set", "datasets.train.method=[original]"}, "train.epoch=1", dir.resolve("no-fakes"));
        assertEquals(1, noFakes.status());
        assertTrue(noFakes.err().contains("the training frames are all real; add fakes or self-blends (datasets.self_blend)"),
                noFakes.err());
    }

    private static CliRun train(String[] common, String epochs, Path savePath, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("train", "-c", config.toString()));
        args.addAll(List.of(common));
        args.addAll(List.of("--set", epochs, "--set", "train.save_path=" + savePath));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aDivergingRunStopsWithOneLineAndWritesNoBestWeights() throws Exception {
        Path save = dir.resolve("diverged");
        CliRun r = train(new String[0], "train.lr=1e30", save);
        assertEquals(1, r.status(), r.err());
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("lvnet train: error: epoch 0, step \\d+: .*the run stops.*"), r.err());
        assertTrue(Files.notExists(save.resolve("best.safetensors")));
        assertTrue(Files.readString(save.resolve("steps.csv")).startsWith(
                "epoch,step,lr,loss,cls_loss,patch_loss,acc,images_per_s,rss_mb,heap_mb,javacpp_mb,skipped\n"));
    }

    @Test
    void resumeDropsATornLastLineAndRefusesATornMiddleLine() throws Exception {
        Path save = dir.resolve("torn");
        CliRun first = train(new String[0], "train.epoch=1", save);
        assertEquals(0, first.status(), first.err());
        // the reading, its parts (anonymous with the Java heap in it, mapped from files), the steps' level and the peak
        assertTrue(first.err().matches("(?s).*epoch 0: .*RSS \\d+ MB = \\d+ MB anonymous \\(Java heap \\d+ MB\\) \\+ \\d+ MB code and files"
                + " \\(steps' mean \\d+ MB, epoch peak \\d+ MB\\).*"), first.err());
        // a full disk during the next epoch: a step, then the epoch line, each cut short
        Files.writeString(save.resolve("steps.jsonl"), "{\"epoch\":1,\"step\":", StandardOpenOption.APPEND);
        Files.writeString(save.resolve("steps.csv"), "1,3,0.0005,0.69", StandardOpenOption.APPEND);
        Files.writeString(save.resolve("epochs.jsonl"), "{\"epoch\":1,\"lr\":5.0E-4,\"tr", StandardOpenOption.APPEND);
        // (the run is complete: resuming only puts its logs right; EpochLoop tests train on after them)
        CliRun resumed = train(new String[0], "train.epoch=1", save, "--resume");
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.err().contains("epochs.jsonl: dropping its torn last line"), resumed.err());
        assertTrue(resumed.err().contains("steps.jsonl: dropping its torn last line"), resumed.err());
        List<String> epochs = Files.readAllLines(save.resolve("epochs.jsonl"));
        assertEquals(1, epochs.size(), epochs.toString());
        assertTrue(epochs.get(0).contains("\"rss_mb\":") && epochs.get(0).contains("\"peak_rss_mb\":")
                && epochs.get(0).contains("\"epoch_peak_rss_mb\":"), epochs.get(0));
        List<String> steps = Files.readAllLines(save.resolve("steps.jsonl"));
        // the epoch's level of resident memory is the mean of what its steps logged
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        double mean = 0;
        for (String l : steps) {
            mean += json.readTree(l).get("rss_mb").asDouble() / steps.size();
        }
        assertEquals(mean, json.readTree(epochs.get(0)).get("epoch_mean_rss_mb").asDouble(), 0.01, epochs.get(0));
        assertTrue(steps.stream().allMatch(l -> l.startsWith("{\"epoch\":0,") && l.endsWith("}")), steps.toString());
        List<String> csv = Files.readAllLines(save.resolve("steps.csv"));
        int columns = csv.get(0).split(",").length;
        assertTrue(csv.stream().skip(1).allMatch(l -> l.split(",").length == columns), csv.toString());

        steps.set(0, steps.get(0).substring(0, 15));
        Files.write(save.resolve("steps.jsonl"), steps);
        CliRun refused = train(new String[0], "train.epoch=2", save, "--resume");
        assertEquals(1, refused.status(), refused.err());
        String last = refused.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("lvnet train: error: " + save.resolve("steps.jsonl") + ": line 1 of " + steps.size()
                + " is not a step record ("), refused.err());
        assertTrue(Files.notExists(save.resolve("checkpoints/epoch-001.safetensors")));
    }

    @Test
    void badConfigurationsFailBeforeAnyWork() throws Exception {
        String[][] cases = {
            {"train.epochs=3", "unknown key 'train.epochs'"},
            {"datasets.root=/no/such/dir", "is not a directory"},
            {"datasets.train.batch_size=100000", "larger than"},
            {"model.variant=magic", "variant must be supervised or semi"},
            {"train.init_weights=/no/such.safetensors", "train.init_weights /no/such.safetensors is not a file"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.of("train", "-c", config.toString(), "--set", c[0], "--set", "train.save_path=" + dir.resolve("bad"));
            assertEquals(1, r.status(), c[0]);
            assertTrue(r.err().contains(c[1]), c[0] + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        assertTrue(Files.notExists(dir.resolve("bad").resolve("epochs.jsonl")));
    }

    /**
     * The same tensors, bit for bit. The files' model cards differ (each run stamps its own
     * creation time), so the files themselves are not compared.
     */
    static void assertSameWeights(Path a, Path b) throws Exception {
        java.util.Map<String, io.lvnet.weights.TensorData> x = io.lvnet.weights.WeightsFile.read(a, 299).stateDict();
        java.util.Map<String, io.lvnet.weights.TensorData> y = io.lvnet.weights.WeightsFile.read(b, 299).stateDict();
        assertEquals(x.keySet(), y.keySet());
        for (String k : x.keySet()) {
            assertTrue(x.get(k).bitEquals(y.get(k)), k + " differs");
        }
    }
}
