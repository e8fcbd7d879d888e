package io.lvnet.cli;

import io.lvnet.train.EpochRecord;
import io.lvnet.train.RunDirectory;
import io.lvnet.train.TrainConfig;
import io.lvnet.train.StepRecord;
import io.lvnet.train.TrainListener;
import io.lvnet.train.TrainingRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvnet train}: train LVNet as the reference does. */
@Command(name = "train", header = "Train LVNet (supervised, or semi-supervised without masks).", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train LVNet on a dataset in lvnet's canonical layout (from 'lvnet synth' or 'lvnet prepare'):",
            "classification and patch cross-entropy with mixup, PyTorch's Adam with weight decay on weights",
            "only, lr halved every 5 epochs, validation AUC after every epoch, a checkpoint per epoch and the",
            "best weights by validation AUC in train.save_path. The YAML keys follow the reference's FF++.yml;",
            "see config/ in the repository for examples. A run stopped at any point resumes exactly with",
            "--resume (or train.resume). A NaN or infinite loss stops the run (train.non_finite_loss: skip",
            "skips such steps instead); the logs show each step's and epoch's resident memory (rss_mb)."})
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
        RunDirectory run;
        try (Progress progress = new Progress(c.epochs())) {
            run = TrainingRun.run(c, config, resume, progress, System.err);
        }
        EpochRecord best = TrainingRun.best(run);
        System.out.printf(Locale.ROOT, "best epoch %d: validation AUC %.4f; weights in %s%n", best.epoch(),
                best.validationAuc(), run.best());
        return 0;
    }

    /** A progress line per step with loss, rate and ETA, and a summary per epoch. */
    static final class Progress implements TrainListener, AutoCloseable {
        private final int epochs;
        private ProgressBar bar;

        Progress(int epochs) {
            this.epochs = epochs;
        }

        @Override
        public void step(int epoch, int batch, int total, StepRecord step, double epochAccuracy) {
            if (bar == null) {
                bar = new ProgressBar(String.format(Locale.ROOT, "batches of epoch %d/%d", epoch + 1, epochs), total);
            }
            bar.note(String.format(Locale.ROOT, "loss %.4f (cls %.3f, patch %.3f), acc %.3f, %.1f img/s, RSS %s%s",
                    step.loss(), step.classificationLoss(), step.patchLoss(), epochAccuracy, step.imagesPerSecond(),
                    megabytes(step.rssMb()), step.skipped() ? ", skipped (not finite)" : ""));
            bar.advance(1);
        }

        @Override
        public void validating(int epoch) {
            close();
        }

        @Override
        public void epoch(EpochRecord r) {
            System.err.printf(Locale.ROOT, "epoch %d: loss %.4f, train acc %.3f, val AUC %.4f, val acc %.4f, patch AUC %.4f,"
                    + " %.1f img/s, %.0f s, RSS %s%s (steps' mean %s, epoch peak %s)%s%s%s%n",
                    r.epoch(), r.trainLoss(), r.trainAccuracy(), r.validationAuc(), r.validationAccuracy(), r.validationPatchAuc(),
                    r.imagesPerSecond(), r.seconds(), megabytes(r.rssMb()),
                    Double.isNaN(r.rssAnonMb()) ? "" : " = " + megabytes(r.rssAnonMb()) + " anonymous (Java heap "
                            + megabytes(r.heapMb()) + ") + " + megabytes(r.rssFileMb()) + " code and files",
                    megabytes(r.epochMeanRssMb()), megabytes(Double.isNaN(r.epochPeakRssMb()) ? r.peakRssMb() : r.epochPeakRssMb()),
                    r.skippedSteps() > 0 ? ", " + r.skippedSteps() + " steps skipped (not finite)" : "",
                    Double.isNaN(r.pseudoLabelShare()) ? "" : String.format(Locale.ROOT,
                            ", SSPSL labels %.0f %% forged, precision %.3f, recall %.3f against the true masks",
                            100 * r.pseudoLabelShare(), r.pseudoLabelPrecision(), r.pseudoLabelRecall()),
                    r.best() ? "  (best)" : "");
        }

        private static String megabytes(double mb) {
            return Double.isNaN(mb) ? "n/a" : String.format(Locale.ROOT, "%.0f MB", mb);
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
