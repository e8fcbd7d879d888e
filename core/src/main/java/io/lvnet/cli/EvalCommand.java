package io.lvnet.cli;

import io.lvnet.eval.EvaluationReport;
import io.lvnet.model.LvNetModel;
import io.lvnet.weights.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lvnet eval}: measure a detector the way the field measures detectors. */
@Command(name = "eval", header = "Measure weights on a dataset: AUC, EER, AP, localisation, calibration, per method.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Evaluate weights on a split of a dataset: frame-level AUC, video-level AUC (mean of frames, and",
            "mean of each frame's most suspicious face), equal error rate, average precision, accuracy at 0.5,",
            "localisation (patch AUC and IoU at 0.5 against the pooled masks), and AUC per manipulation method",
            "and per compression level; calibration: expected calibration error (15 equal bins) and Brier score",
            "of the raw softmax and, for weights from 'lvnet calibrate', of the calibrated probability, and the",
            "true positive rate at 1%% and 5%% false positives.",
            "",
            "Layouts (--layout): canonical (lvnet synth / lvnet prepare), composite (the LVNet reference's",
            "face | mask | mask images; --splits DIR with FF++'s train/val/test.json), deepfakebench",
            "(-d is DeepfakeBench's rgb folder, --index its dataset JSON)."})
public final class EvalCommand implements Callable<Integer> {
    @Mixin
    WeightsOptions weights;

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--split", defaultValue = "test", paramLabel = "NAME", description = "train, val or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--json", description = "Print the JSON document ({\"frame_auc\", \"video_auc\", \"eer\", \"ap\", \"acc\", "
            + "\"patch_auc\", \"patch_iou\", \"per_method\", \"calibration\", ...}) instead of a table.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write report.json, report.md, roc.png and reliability.png to DIR.")
    Path out;

    @Override
    public Integer call() throws Exception {
        EvaluationReport report;
        try (LvNetModel model = weights.load()) {
            report = new EvaluationReport(dataset.score(model, split), model.calibration());
        }
        if (json) {
            System.out.println(report.toJson());
        } else {
            Map<String, Object> s = report.summary();
            s.forEach((k, v) -> {
                if (!(v instanceof Map)) {
                    System.out.printf(Locale.ROOT, "%-20s %s%n", k.replace('_', ' '), v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v);
                }
            });
            ((Map<?, ?>) s.get("calibration")).forEach((k, v) -> {
                if (v instanceof Double d) {
                    System.out.printf(Locale.ROOT, "%-20s %.4f%n", k.toString().replace('_', ' '), d);
                }
            });
        }
        if (out != null) {
            String title = "lvnet eval: " + weights.weights.getFileName() + " on " + dataset.data.getFileName() + " (" + split + ")";
            report.writeRoc(out.resolve("roc.png"), title);
            report.writeReliability(out.resolve("reliability.png"), title);
            AtomicFiles.write(out.resolve("report.json"), o -> o.write(report.toJson().getBytes(StandardCharsets.UTF_8)));
            AtomicFiles.write(out.resolve("report.md"), o -> o.write(report.toMarkdown(title, "roc.png", "reliability.png")
                    .getBytes(StandardCharsets.UTF_8)));
            System.err.println("report written to " + out);
        }
        return 0;
    }
}
