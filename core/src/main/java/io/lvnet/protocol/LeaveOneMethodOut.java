package io.lvnet.protocol;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.augment.Augmentation;
import io.lvnet.data.FrameDataset;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Split;
import io.lvnet.data.SplitSampler;
import io.lvnet.progress.ProgressListener;
import io.lvnet.eval.Evaluation;
import io.lvnet.eval.EvaluationReport;
import io.lvnet.detect.LvNetModel;
import io.lvnet.train.DatasetBatches;
import io.lvnet.train.RunDirectory;
import io.lvnet.train.TrainConfig;
import io.lvnet.train.TrainListener;
import io.lvnet.train.TrainingRun;
import io.lvnet.files.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generalisation to forgeries never seen, as the paper measures it. Leave-one-method-out: for
 * each manipulation method, a run trains on the real faces and the other methods' fakes
 * (validating on the same), and its best weights are tested on the test split's real faces and
 * the held-out method's fakes. Every method unseen: one run trains as its configuration says
 * (real faces and self-blends, say) and is tested on each method in turn.
 *
 * <p>Resumable per fold: a fold whose result file ({@code OUT/METHOD.json}) exists is read
 * back, not run again; a fold whose run stopped part-way resumes from its last checkpoint.
 */
public final class LeaveOneMethodOut {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param config the training configuration every fold starts from
     * @param overrides {@code key=value} overrides applied to every fold, before the fold's own
     * @param data the data set (canonical layout), replacing the configuration's root
     * @param methods the methods to hold out, in order
     * @param everyMethodUnseen train once as configured and test on each method, instead of one run per method
     * @param out where the runs, the fold results and the report go
     */
    public record Plan(Path config, List<String> overrides, Path data, List<String> methods, boolean everyMethodUnseen,
            Path out) {
        public Plan {
            if (methods.isEmpty()) {
                throw new IllegalArgumentException("no methods to hold out");
            }
            if (!everyMethodUnseen && methods.size() < 2) {
                throw new IllegalArgumentException("leave-one-method-out needs at least two methods, got " + methods);
            }
            overrides = List.copyOf(overrides);
            methods = List.copyOf(methods);
        }

        /**
         * The configuration as every fold starts from it (the overrides and the data applied), read
         * and checked before any fold runs.
         */
        public TrainConfig baseConfig() throws IOException {
            List<String> o = new ArrayList<>(overrides);
            o.add("datasets.root=" + data);
            return TrainConfig.read(config, o);
        }
    }

    private LeaveOneMethodOut() {
    }

    /**
     * Runs every fold not yet done, then writes {@code OUT/generalisation.json} and {@code .md}.
     *
     * @param listener told about every training step and epoch
     * @param log one-line notes: which fold, skipped or resumed
     */
    public static GeneralisationReport run(Plan plan, TrainListener listener, PrintStream log, ProgressListener scoring)
            throws IOException {
        Files.createDirectories(plan.out());
        List<FoldResult> folds = new ArrayList<>();
        for (String held : plan.methods()) {
            Path done = plan.out().resolve(held + ".json");
            if (Files.exists(done)) {
                log.printf("%s held out: done before (%s)%n", held, done);
                folds.add(JSON.readValue(done.toFile(), FoldResult.class));
                continue;
            }
            List<String> trainedOn = plan.everyMethodUnseen() ? List.of()
                    : plan.methods().stream().filter(m -> !m.equals(held)).toList();
            Path runDir = plan.out().resolve(plan.everyMethodUnseen() ? "all-unseen" : held);
            TrainConfig c = TrainConfig.read(plan.config(), foldOverrides(plan, runDir, trainedOn));
            RunDirectory run = new RunDirectory(runDir);
            if (!finished(run, c)) {
                boolean resume = run.lastCompleteEpoch() >= 0;
                // with every method unseen one run serves all the methods
                String who = plan.everyMethodUnseen() ? "every method unseen" : held + " held out";
                log.printf("%s: %s run in %s%n", who, resume ? "resuming the" : "training a", runDir);
                TrainingRun.run(c, plan.config(), resume, listener, log);
            }
            FoldResult fold = test(c, run, held, trainedOn, scoring);
            AtomicFiles.write(done, o -> o.write(JSON.writeValueAsBytes(fold)));
            log.printf("%s %s: frame AUC %.4f%n", held, plan.everyMethodUnseen() ? "(never seen)" : "held out",
                    fold.frameAuc());
            folds.add(fold);
        }
        GeneralisationReport report = new GeneralisationReport(
                plan.everyMethodUnseen() ? "every-method-unseen" : "leave-one-method-out", plan.config().toString(),
                plan.overrides(), folds);
        AtomicFiles.write(plan.out().resolve("generalisation.json"), o -> o.write(report.toJson().getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(plan.out().resolve("generalisation.md"), o -> o.write(report.toMarkdown().getBytes(StandardCharsets.UTF_8)));
        return report;
    }

    /** The fold's overrides: the data, its own run folder and, leaving a method out, the methods trained and validated on. */
    static List<String> foldOverrides(Plan plan, Path runDir, List<String> trainedOn) {
        List<String> o = new ArrayList<>(plan.overrides());
        o.add("datasets.root=" + plan.data());
        o.add("train.save_path=" + runDir);
        if (!plan.everyMethodUnseen()) {
            String list = "[" + String.join(",", trainedOn) + "]";
            o.add("datasets.train.method=" + list);
            o.add("datasets.val.method=" + list);
        }
        return o;
    }

    private static boolean finished(RunDirectory run, TrainConfig c) {
        return run.lastCompleteEpoch() >= c.epochs() - 1 && Files.exists(run.best());
    }

    /** Scores the run's best weights on the test split's real faces and {@code held}'s fakes. */
    private static FoldResult test(TrainConfig c, RunDirectory run, String held, List<String> trainedOn,
            ProgressListener scoring) throws IOException {
        FrameDataset ds = c.location().open();
        List<FrameRecord> frames = SplitSampler.sample(ds.frames(Split.TEST), Set.of(held), 1, false, false, 0);
        if (frames.stream().noneMatch(f -> f.label() == 1)) {
            throw new IllegalArgumentException(c.datasets().root() + ": the test split has no fakes of method '" + held + "'");
        }
        try (LvNetModel model = LvNetModel.load(run.best(), c.modelConfig().inputSize());
                NDManager m = NDManager.newBaseManager(model.device());
                DatasetBatches batches = new DatasetBatches(ds, frames, model.config().inputSize(), Augmentation.NONE,
                        Math.min(c.valBatchSize(), frames.size()), c.seed(), false, null,
                        c.datasets().workers() == null ? 2 : c.datasets().workers(), (io.lvnet.perturb.Perturbation) null)) {
            Evaluation e = Evaluation.run(model.network(), m, batches, scoring);
            Map<String, Object> s = new EvaluationReport(e).summary();
            return new FoldResult(held, trainedOn, (Double) s.get("frame_auc"), (Double) s.get("video_auc"),
                    (Double) s.get("patch_auc"), (Integer) s.get("frames"), run.best().toString());
        }
    }
}
