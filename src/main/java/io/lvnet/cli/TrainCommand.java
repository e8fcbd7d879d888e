package io.lvnet.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.lvnet.model.LvNet;
import io.lvnet.model.Variant;
import io.lvnet.train.DataSources;
import io.lvnet.train.EpochRecord;
import io.lvnet.train.RunDirectory;
import io.lvnet.train.TrainConfig;
import io.lvnet.train.TrainListener;
import io.lvnet.train.Trainer;
import io.lvnet.train.TrainingState;
import io.lvnet.train.Adam;
import io.lvnet.weights.ImageNetXception;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.WeightsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvnet train}: train LVNet as the reference does. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train LVNet on a dataset in lvnet's canonical layout (from 'lvnet synth' or 'lvnet prepare'):",
            "classification and patch cross-entropy with mixup, PyTorch's Adam with weight decay on weights",
            "only, lr halved every 5 epochs, validation AUC after every epoch, a checkpoint per epoch and the",
            "best weights by validation AUC in train.save_path. The YAML keys follow the reference's FF++.yml;",
            "see config/ in the repository for examples. A run stopped at any point resumes exactly with",
            "--resume (or train.resume)."})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE.yaml", description = "The run's configuration.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a configuration key, e.g. --set train.epoch=3 (repeatable).")
    List<String> overrides = List.of();

    @Option(names = "--resume", description = "Continue the run in train.save_path from its last checkpoint.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        TrainConfig c = TrainConfig.read(config, overrides);
        RunDirectory run = new RunDirectory(Path.of(c.train().resume() != null ? c.train().resume() : c.train().savePath()));
        boolean resuming = resume || c.train().resume() != null;
        int last = run.lastCompleteEpoch();
        if (resuming && last < 0) {
            throw new IllegalArgumentException(run.root() + ": no checkpoint to resume from");
        }
        if (!resuming && Files.isDirectory(run.root()) && !run.epochs().isEmpty()) {
            throw new IllegalArgumentException(run.root() + " already holds a run: use --resume, or another train.save_path");
        }
        if (c.threads() != null) {
            Engine.getInstance(); // loads libtorch, whose thread pool is then resized
            JniUtils.setNumThreads(c.threads());
        }
        try (DataSources data = DataSources.of(c, c.modelConfig().variant() == Variant.SEMI_SUPERVISED); NDManager m = NDManager.newBaseManager(Engine.getInstance().defaultDevice())) {
            Engine.getInstance().setRandomSeed((int) c.seed());
            LvNet net = LvNet.create(c.modelConfig(), m);
            TrainingState state;
            if (resuming) {
                StateDicts.load(net, WeightsFile.read(run.weights(last), c.modelConfig().inputSize()).stateDict(), true);
                state = TrainingState.load(run.state(last), net);
                System.err.printf("resuming %s after epoch %d%n", run.root(), last);
            } else {
                if (c.train().imagenet() != null) {
                    System.err.println(ImageNetXception.loadInto(net, Path.of(c.train().imagenet())).summary());
                }
                state = new TrainingState(Adam.forNetwork(net, c.adamSettings()), c.schedule(), c.seed());
                Files.createDirectories(run.root());
                Files.copy(config, run.root().resolve("config.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            System.err.printf("training %s on %d faces per epoch (%d batches), validating on %d%n",
                    c.modelConfig(), data.train().facesPerEpoch(), data.train().batchesPerEpoch(), data.validation().facesPerEpoch());
            try (state; Progress progress = new Progress(c.epochs(), data.train().batchesPerEpoch())) {
                new Trainer(net, m, state, run, c.mixup(), progress).fit(data.train(), data.validation(), c.epochs());
            }
        }
        List<EpochRecord> log = run.epochs();
        EpochRecord best = log.stream().filter(EpochRecord::best).reduce((a, b) -> b).orElseThrow();
        System.out.printf(Locale.ROOT, "best epoch %d: validation AUC %.4f; weights in %s%n", best.epoch(),
                best.validationAuc(), run.best());
        return 0;
    }

    /** A progress line per step with loss, rate and ETA, and a summary per epoch. */
    private static final class Progress implements TrainListener, AutoCloseable {
        private final int epochs;
        private final int batches;
        private ProgressBar bar;

        Progress(int epochs, int batches) {
            this.epochs = epochs;
            this.batches = batches;
        }

        @Override
        public void step(int epoch, int batch, int total, float loss, double imagesPerSecond) {
            if (bar == null) {
                bar = new ProgressBar(String.format(Locale.ROOT, "batches of epoch %d/%d", epoch + 1, epochs), batches);
            }
            bar.note(String.format(Locale.ROOT, "loss %.4f, %.1f img/s", loss, imagesPerSecond));
            bar.advance(1);
        }

        @Override
        public void validating(int epoch) {
            close();
        }

        @Override
        public void epoch(EpochRecord r) {
            System.err.printf(Locale.ROOT, "epoch %d: loss %.4f, val AUC %.4f, val acc %.4f, patch AUC %.4f, %.1f img/s, %.0f s%s%n",
                    r.epoch(), r.trainLoss(), r.validationAuc(), r.validationAccuracy(), r.validationPatchAuc(),
                    r.imagesPerSecond(), r.seconds(), r.best() ? "  (best)" : "");
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
