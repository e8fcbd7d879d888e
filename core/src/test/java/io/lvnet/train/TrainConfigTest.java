package io.lvnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.model.Ablation;
import io.lvnet.model.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertMessage(GOOD.replace("epoch: 4", "epoch: 0"), "train.epoch must be at least 1");
        assertMessage(GOOD.replace("manual_seed: 7", "manual_seed: seven"), "manual_seed");
        Path cfg = yaml(GOOD);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.read(cfg, List.of("train.epoch")));
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
    }

    private void assertMessage(String body, String expected) throws Exception {
        Path cfg = yaml(body);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.read(cfg, List.of()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
