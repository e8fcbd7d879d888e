package io.lvnet.cli;

import io.lvnet.protocol.FoldResult;
import io.lvnet.protocol.GeneralisationReport;
import io.lvnet.protocol.LeaveOneMethodOut;
import io.lvnet.train.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvnet generalise}: leave-one-method-out, or every method unseen, as one resumable command. */
@Command(name = "generalise", header = "Measure generalisation to unseen forgeries: leave one method out, train, test on it.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "For each manipulation method, train a run from the configuration on the real faces and the other methods'",
            "fakes (validating on the same), then test its best weights on the test split's real faces and the held-out",
            "method's fakes, which it never saw. With --every-method-unseen, train once as the configuration says (real",
            "faces and online self-blends, say) and test on each method. Writes OUT/METHOD/ (the run), OUT/METHOD.json",
            "(the fold) and OUT/generalisation.json and .md (frame, video and patch AUC per held-out method, and the",
            "mean). Run again to resume: finished folds are read back, a run stopped part-way continues."})
public final class GeneraliseCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE.yaml", description = "The training configuration of every fold.")
    Path config;

    @Option(names = {"-d", "--data"}, required = true, paramLabel = "DIR", description = "The data set (canonical layout).")
    Path data;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Where the runs and the report go.")
    Path out;

    @Option(names = "--methods", split = ",", paramLabel = "NAME", defaultValue = "Deepfakes,Face2Face,FaceSwap,NeuralTextures",
            description = "The methods held out in turn (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--every-method-unseen", description = "Train once, as configured, and test on each method.")
    boolean everyMethodUnseen;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a configuration key in every fold, e.g. --set model.ablation=rgb-only (repeatable).")
    List<String> overrides = List.of();

    @Override
    public Integer call() throws Exception {
        LeaveOneMethodOut.Plan plan = new LeaveOneMethodOut.Plan(config, overrides, data, methods, everyMethodUnseen, out);
        TrainConfig base = plan.baseConfig(); // a bad configuration fails before the first fold
        GeneralisationReport report;
        try (TrainCommand.Progress progress = new TrainCommand.Progress(base.epochs())) {
            report = LeaveOneMethodOut.run(plan, progress, System.err, io.lvnet.progress.ProgressListener.NONE);
        }
        for (FoldResult f : report.folds()) {
            System.out.printf(Locale.ROOT, "%-16s frame AUC %.4f  video AUC %s  patch AUC %s%n", f.heldOut(), f.frameAuc(),
                    f.videoAuc() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", f.videoAuc()),
                    f.patchAuc() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", f.patchAuc()));
        }
        System.out.printf(Locale.ROOT, "%-16s frame AUC %.4f; report in %s%n", "mean", report.meanFrameAuc(),
                out.resolve("generalisation.md"));
        return 0;
    }
}
