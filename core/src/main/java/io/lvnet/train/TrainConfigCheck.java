package io.lvnet.train;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a {@link TrainConfig} before anything runs: required keys, files and folders that must
 * exist, values in range, and every derived setting computable; each refusal one line naming
 * the file and the key.
 */
final class TrainConfigCheck {
    private TrainConfigCheck() {
    }

    /** Refuses {@code c} with one line naming {@code file} and the key, unless every value is usable. */
    static void check(TrainConfig c, Path file) {
        TrainConfig.Datasets datasets = c.datasets();
        TrainConfig.Train train = c.train();
        TrainConfig.Model model = c.model();
        require(datasets != null && datasets.root() != null, file, "datasets.root is required");
        require(datasets.train() != null && datasets.val() != null, file, "datasets.train and datasets.val are required");
        require(Files.isDirectory(Path.of(datasets.root())), file, "datasets.root " + datasets.root() + " is not a directory");
        try {
            c.location();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": datasets: " + e.getMessage());
        }
        require(datasets.splits() == null || Files.isDirectory(Path.of(datasets.splits())), file,
                "datasets.splits " + datasets.splits() + " is not a directory");
        require(datasets.index() == null || Files.isRegularFile(Path.of(datasets.index())), file,
                "datasets.index " + datasets.index() + " is not a file");
        for (TrainConfig.Split s : new TrainConfig.Split[] {datasets.train(), datasets.val(), datasets.test()}) {
            require(s == null || !TrainConfig.isPairList(s) || Files.isRegularFile(Path.of(s.split())), file,
                    "split list " + (s == null ? "" : s.split()) + " is not a file");
        }
        require(train != null && train.savePath() != null, file, "train.save_path is required");
        require(c.epochs() >= 1, file, "train.epoch must be at least 1");
        require(TrainConfig.batchSize(datasets.train()) >= 1 && TrainConfig.batchSize(datasets.val()) >= 1, file, "batch sizes must be at least 1");
        require(datasets.train().repeat() == null || datasets.train().repeat() >= 1, file,
                "datasets.train.repeat must be at least 1");
        require(datasets.val().repeat() == null || datasets.val().repeat() >= 1, file,
                "datasets.val.repeat must be at least 1");
        require(train.optimizer() == null || train.optimizer().equalsIgnoreCase("adam"), file,
                "train.optimizer: only Adam (the reference's) is implemented, got " + train.optimizer());
        require(model == null || model.baseline() == null || model.baseline().equalsIgnoreCase("lvnet"), file,
                "model.baseline: only LVNet, got " + model.baseline());
        require(train.imagenet() == null || Files.isRegularFile(Path.of(train.imagenet())), file,
                "train.imagenet " + train.imagenet() + " is not a file");
        require(train.initWeights() == null || Files.isRegularFile(Path.of(train.initWeights())), file,
                "train.init_weights " + train.initWeights() + " is not a file");
        require(train.initWeights() == null || train.imagenet() == null, file,
                "train.init_weights and train.imagenet both say where the streams start: choose one");
        require(train.resume() == null || Files.isDirectory(Path.of(train.resume())), file,
                "train.resume " + train.resume() + " is not a run directory");
        try {
            c.modelConfig();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": model: " + e.getMessage());
        }
        try {
            c.augmentation();
            c.selfBlend();
            c.selfBlendLandmarks();
            c.regionSource();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": datasets: " + e.getMessage());
        }
        try {
            c.adamSettings();
            c.schedule();
            c.referenceRegion();
            c.fixedLabeller();
            c.nonFiniteLoss();
            c.recompute();
            c.weightAverage();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": train: " + e.getMessage());
        }
    }

    private static void require(boolean ok, Path file, String message) {
        if (!ok) {
            throw new IllegalArgumentException(file + ": " + message);
        }
    }
}
