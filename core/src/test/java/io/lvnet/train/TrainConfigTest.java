package io.lvnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.Split;
import io.lvnet.data.readers.DataLayout;
import io.lvnet.data.readers.DatasetLocation;
import io.lvnet.model.Ablation;
import io.lvnet.model.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
    @TempDir
    Path dir;
    Path data;

    @BeforeEach
    void dataDir() throws Exception {
        data = Files.createDirectories(dir.resolve("data"));
    }

    private Path yaml(String body) throws Exception {
        return Files.writeString(dir.resolve("run.yml"), body.replace("DATA", data.toString()));
    }

    private static final String GOOD = """
            datasets:
              root: DATA
              image_size: 160
              train: {split: train, downsample: 3, balance: true, batch_size: 8}
              val: {split: val, balance: false, batch_size: 16}
            train:
              lr: !!float 1e-3
              epoch: 4
              manual_seed: 7
              save_path: runs/x
            model:
              variant: semi
              width: 0.25
              ablation: rgb-only
            """;

    @Test
    void readsTheReferenceStyleKeysAndOverrides() throws Exception {
        TrainConfig c = TrainConfig.read(yaml(GOOD), List.of("train.epoch=2", "datasets.train.batch_size=4"));
        assertEquals(2, c.epochs());
        assertEquals(4, c.trainBatchSize());
        assertEquals(16, c.valBatchSize());
        assertEquals(7, c.seed());
        assertEquals(1e-3, c.adamSettings().learningRate(), 0);
        assertEquals(1e-5, c.adamSettings().weightDecay(), 0);
        assertEquals(2.5e-4, c.schedule().learningRate(10), 1e-12);
        assertEquals(Variant.SEMI_SUPERVISED, c.modelConfig().variant());
        assertEquals(160, c.modelConfig().inputSize());
        assertEquals(Ablation.singleStream(Ablation.Streams.RGB_ONLY), c.modelConfig().ablation());
        assertTrue(c.mixup());
        assertEquals(io.lvnet.augment.Augmentation.REFERENCE, c.augmentation());
        TrainConfig light = TrainConfig.read(yaml(GOOD), List.of("datasets.augmentation=geometric"));
        assertEquals(io.lvnet.augment.Augmentation.GEOMETRIC, light.augmentation());
    }

    @Test
    void badConfigurationsAreRefusedWithOneClearMessage() throws Exception {
        assertMessage(GOOD.replace("epoch: 4", "epochs: 4"), "unknown key 'train.epochs'");
        assertMessage(GOOD.replace("root: DATA", "root: /nowhere/at/all"), "datasets.root /nowhere/at/all is not a directory");
        assertMessage(GOOD.replace("variant: semi", "variant: magic"), "variant must be supervised or semi");
        assertMessage(GOOD.replace("ablation: rgb-only", "ablation: no-srm"), "unknown ablation 'no-srm'");
        assertMessage(GOOD.replace("  lr: !!float 1e-3\n", "  optimizer: SGD\n"), "only Adam");
        Path cfg0 = yaml(GOOD);
        IllegalArgumentException aug = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.read(cfg0, List.of("datasets.augmentation=wild")));
        assertTrue(aug.getMessage().contains("unknown augmentation 'wild'"), aug.getMessage());
        IllegalArgumentException region = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.read(cfg0, List.of("train.reference_region=mouth+chin")));
        assertTrue(region.getMessage().contains("reference region must join distinct parts of mouth, eyes, nose"),
                region.getMessage());
        assertEquals(List.of("mouth", "nose"),
                TrainConfig.read(cfg0, List.of("train.reference_region=mouth+nose")).referenceRegion().parts());
        assertEquals(io.lvnet.data.ReferenceRegion.MOUTH, TrainConfig.read(cfg0, List.of()).referenceRegion());
        IllegalArgumentException regions = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.read(cfg0, List.of("datasets.regions=guessed")));
        assertTrue(regions.getMessage().contains("datasets: unknown region source 'guessed' (index, landmarks or geometric)"),
                regions.getMessage());
        assertEquals(io.lvnet.regions.RegionSource.LANDMARKS,
                TrainConfig.read(cfg0, List.of("datasets.regions=landmarks")).regionSource());
        assertEquals(null, TrainConfig.read(cfg0, List.of()).regionSource(), "chosen from the data set when unset");
        assertMessage(GOOD.replace("epoch: 4", "epoch: 0"), "train.epoch must be at least 1");
        assertMessage(GOOD.replace("epoch: 4", "epoch: 4\n  init_weights: /no/such.safetensors"),
                "train.init_weights /no/such.safetensors is not a file");
        Path weights = Files.writeString(dir.resolve("w.safetensors"), "x");
        assertMessage(GOOD.replace("epoch: 4", "epoch: 4\n  init_weights: " + weights + "\n  imagenet: " + weights),
                "train.init_weights and train.imagenet both say where the streams start");
        Path good = yaml(GOOD); // assertMessage rewrote the file
        IllegalArgumentException labeller = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.read(good, List.of("train.sspsl_labeller=teacher")));
        assertTrue(labeller.getMessage().contains("sspsl_labeller must be live or initial, got 'teacher'"), labeller.getMessage());
        assertTrue(TrainConfig.read(good, List.of("train.sspsl_labeller=initial")).fixedLabeller());
        assertTrue(!TrainConfig.read(good, List.of()).fixedLabeller(), "the reference's live rule by default");
        assertEquals(weights.toString(),
                TrainConfig.read(good, List.of("train.init_weights=" + weights)).train().initWeights());
        assertMessage(GOOD.replace("manual_seed: 7", "manual_seed: seven"), "manual_seed");
        Path cfg = yaml(GOOD);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.read(cfg, List.of("train.epoch")));
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
    }

    @Test
    void selfBlendingIsReadWithItsDefaultsAndBadValuesAreNamed() throws Exception {
        TrainConfig none = TrainConfig.read(yaml(GOOD), List.of());
        assertEquals(null, none.selfBlend());
        TrainConfig c = TrainConfig.read(yaml(GOOD), List.of("datasets.self_blend={share: 0.25, regions: [mouth, ellipse]}",
                "datasets.train.repeat=4"));
        io.lvnet.blend.SelfBlendSettings s = c.selfBlend();
        assertEquals(0.25, s.share());
        assertEquals(List.of(io.lvnet.blend.SelfBlendSettings.Region.MOUTH, io.lvnet.blend.SelfBlendSettings.Region.ELLIPSE),
                s.regions());
        assertEquals(io.lvnet.blend.SelfBlendSettings.DEFAULT.transforms(), s.transforms());
        assertEquals(io.lvnet.blend.SelfBlendSettings.DEFAULT.ratios(), s.ratios());
        assertEquals(null, c.selfBlendLandmarks());
        assertMessage(GOOD.replace("  val:", "  self_blend: {share: 2}\n  val:"), "datasets: self_blend: share must be between 0 and 1");
        assertMessage(GOOD.replace("  val:", "  self_blend: {transforms: [sepia]}\n  val:"), "unknown self-blend transform 'sepia'");
        assertMessage(GOOD.replace("  val:", "  self_blend: {landmarks: /no/such/model.dat}\n  val:"),
                "self_blend.landmarks: no landmark model at /no/such/model.dat");
        assertMessage(GOOD.replace("  val:", "  self_blend: {colour: true}\n  val:"), "unknown key 'datasets.self_blend.colour'");
        assertEquals(0.25, TrainConfig.read(yaml(GOOD), List.of("datasets.self_blend={other_face: 0.25}")).selfBlend().otherFace());
        assertEquals(0.0, s.otherFace());
        assertMessage(GOOD.replace("  val:", "  self_blend: {other_face: -1}\n  val:"),
                "datasets: self_blend: other_face must be between 0 and 1, got -1.0");
        assertMessage(GOOD.replace("batch_size: 8}", "batch_size: 8, repeat: 0}"), "datasets.train.repeat must be at least 1");
    }

    @Test
    void aNonFiniteStepStopsTheRunUnlessSkippingIsAsked() throws Exception {
        Path cfg = yaml(GOOD);
        assertEquals(NonFiniteLoss.STOP, TrainConfig.read(cfg, List.of()).stepOptions().nonFiniteLoss());
        assertEquals(new NonFiniteLoss(true, NonFiniteLoss.DEFAULT_MAX_SKIPPED),
                TrainConfig.read(cfg, List.of("train.non_finite_loss=skip")).nonFiniteLoss());
        assertEquals(new NonFiniteLoss(true, 3),
                TrainConfig.read(cfg, List.of("train.non_finite_loss=skip", "train.max_skipped_steps=3")).nonFiniteLoss());
        assertMessage(GOOD.replace("epoch: 4", "epoch: 4\n  non_finite_loss: ignore"),
                "train: non_finite_loss must be stop or skip, got 'ignore'");
        assertMessage(GOOD.replace("epoch: 4", "epoch: 4\n  non_finite_loss: skip\n  max_skipped_steps: -1"),
                "max_skipped_steps must be >= 0, got -1");
        assertMessage(GOOD.replace("epoch: 4", "epoch: 4\n  max_skipped_steps: 5"),
                "max_skipped_steps only applies with non_finite_loss: skip");
    }

    /** The configurations the README names read, with their data set's root replaced (none in a fresh clone). */
    @Test
    void everyShippedConfigurationReads() throws Exception {
        List<Path> shipped;
        Path repository = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(repository.resolve("config")) || !Files.exists(repository.resolve("pom.xml"))) {
            repository = repository.getParent();
            assertTrue(repository != null, "no config/ above " + Path.of("").toAbsolutePath());
        }
        try (java.util.stream.Stream<Path> files = Files.list(repository.resolve("config"))) {
            shipped = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(shipped.size() >= 4, "shipped configurations: " + shipped);
        Path weights = Files.writeString(dir.resolve("init.safetensors"), ""); // only its existence is checked here
        for (Path file : shipped) {
            List<String> overrides = new java.util.ArrayList<>(List.of("datasets.root=" + data));
            if (Files.readString(file).contains("init_weights:")) {
                overrides.add("train.init_weights=" + weights); // another run's weights, not in a fresh clone
            }
            TrainConfig c = TrainConfig.read(file, overrides);
            assertEquals(Recompute.NONE, c.recompute(), file + ": the compact model needs no recomputing");
        }
    }

    @Test
    void everyStageIsRecomputedUnlessTheConfigSaysOtherwise() throws Exception {
        Path cfg = yaml(GOOD);
        assertEquals(Recompute.ALL, TrainConfig.read(cfg, List.of()).stepOptions().recompute());
        assertEquals(Recompute.EARLY, TrainConfig.read(cfg, List.of("train.recompute=early")).stepOptions().recompute());
        assertEquals(Recompute.NONE, TrainConfig.read(cfg, List.of("train.recompute=none")).stepOptions().recompute());
        // the older key, as run folders written before train.recompute hold it
        assertEquals(Recompute.EARLY, TrainConfig.read(cfg, List.of("train.recompute_early_stages=true")).recompute());
        assertEquals(Recompute.NONE, TrainConfig.read(cfg, List.of("train.recompute_early_stages=false")).recompute());
        assertMessage(GOOD.replace("epoch: 4", "epoch: 4\n  recompute: some"),
                "train: train.recompute must be none, early or all, not 'some'");
        assertMessage(GOOD.replace("epoch: 4", "epoch: 4\n  recompute: all\n  recompute_early_stages: true"),
                "train: train.recompute and train.recompute_early_stages say the same: give one");
    }

    @Test
    void dataLayoutsAndTheReferencesSplitListsAreRead() throws Exception {
        TrainConfig canonical = TrainConfig.read(yaml(GOOD), List.of());
        assertEquals(DatasetLocation.canonical(data), canonical.location(), "canonical by default");
        Path lists = Files.createDirectories(dir.resolve("splits"));
        for (String s : new String[] {"train", "val", "test"}) {
            Files.writeString(lists.resolve(s + ".json"), "[]");
        }
        // the reference's FF++.yml names each section's pair list
        TrainConfig reference = TrainConfig.read(yaml(GOOD.replace("root: DATA", "root: DATA\n  layout: composite")
                .replace("{split: train,", "{split: " + lists.resolve("train.json") + ",")
                .replace("{split: val,", "{split: " + lists.resolve("val.json") + ",")), List.of());
        assertEquals(DataLayout.COMPOSITE, reference.location().layout());
        assertEquals(Map.of(Split.TRAIN, lists.resolve("train.json"), Split.VAL, lists.resolve("val.json")),
                reference.location().pairLists());
        assertEquals(Split.VAL, TrainConfig.splitOf(reference.datasets().val(), Split.VAL), "a list stands for its section's split");
        TrainConfig folder = TrainConfig.read(yaml(GOOD), List.of("datasets.layout=composite", "datasets.splits=" + lists));
        assertEquals(3, folder.location().pairLists().size());
        Path index = Files.writeString(dir.resolve("FaceForensics++.json"), "{}");
        TrainConfig bench = TrainConfig.read(yaml(GOOD), List.of("datasets.layout=deepfakebench", "datasets.index=" + index));
        assertEquals(new DatasetLocation(DataLayout.DEEPFAKEBENCH, data, Map.of(), index), bench.location());

        assertMessage(GOOD.replace("root: DATA", "root: DATA\n  layout: lmdb"), "unknown data layout 'lmdb' (expected canonical, composite or deepfakebench)");
        assertMessage(GOOD.replace("root: DATA", "root: DATA\n  layout: deepfakebench"), "the deepfakebench layout needs its dataset JSON");
        assertMessage(GOOD.replace("root: DATA", "root: DATA\n  index: " + index), "an index JSON is only read with the deepfakebench layout");
        assertMessage(GOOD.replace("root: DATA", "root: DATA\n  splits: " + lists), "splits is only read with layout: composite");
        assertMessage(GOOD.replace("root: DATA", "root: DATA\n  layout: composite\n  splits: /no/such/dir"),
                "datasets.splits /no/such/dir is not a directory");
        assertMessage(GOOD.replace("root: DATA", "root: DATA\n  layout: deepfakebench\n  index: /no/such.json"),
                "datasets.index /no/such.json is not a file");
        assertMessage(GOOD.replace("{split: val,", "{split: ./nowhere/val.json,").replace("root: DATA", "root: DATA\n  layout: composite"),
                "split list ./nowhere/val.json is not a file");
    }

    private void assertMessage(String body, String expected) throws Exception {
        Path cfg = yaml(body);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.read(cfg, List.of()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
