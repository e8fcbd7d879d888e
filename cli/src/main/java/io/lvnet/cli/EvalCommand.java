package io.lvnet.cli;

import io.lvnet.eval.Evaluation;
import io.lvnet.eval.EvaluationReport;
import io.lvnet.eval.RobustnessReport;
import io.lvnet.detect.LvNetModel;
import io.lvnet.perturb.Perturbation;
import io.lvnet.perturb.PerturbationSweep;
import io.lvnet.files.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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
            "Robustness (--perturb): the same faces again under each perturbation and level, applied to the",
            "whole frame before the face is cut: jpeg:QUALITY (1-100), h264:QUANTISER (0-51, libopenh264 at",
            "a fixed quantiser, one intra frame), resize:FACTOR (down by the factor and back up, linear),",
            "blur:SIGMA (pixels), noise:STD (Gaussian, 0-255 units, seeded per frame). E.g.",
            "  --perturb jpeg:90,70,50 h264:23,32,40 resize:0.5,0.25 blur:1,2 noise:5,10",
            "reports AUC per level (JSON \"robustness\", the Markdown report, robustness-KIND.png).",
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

    @Option(names = "--out", paramLabel = "DIR", description = "Also write report.json, report.md, roc.png and reliability.png "
            + "(with --perturb, robustness-KIND.png) to DIR.")
    Path out;

    @Option(names = "--perturb", arity = "1..*", paramLabel = "KIND:LEVELS",
            description = "Also score the faces under these perturbations, e.g. jpeg:90,70,50 h264:23,32,40 "
                    + "resize:0.5,0.25 blur:1,2 noise:5,10 (see above).")
    List<String> perturb;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
            description = "Seed of the perturbations' random draws (noise) (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--precision", defaultValue = "fp32", paramLabel = "fp32|bf16|auto", converter = PrecisionOption.PrecisionConverter.class,
            description = {"The arithmetic the faces are scored in (default: ${DEFAULT-VALUE}, so that a measurement is the same",
                "on every machine; bf16 and auto as for 'lvnet detect'). The report names it."})
    io.lvnet.detect.Precision precision;

    @Spec
    CommandSpec spec;

    private List<PerturbationSweep> sweeps() {
        try {
            return perturb == null ? List.of() : PerturbationSweep.parseAll(perturb);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        List<PerturbationSweep> sweeps = sweeps();
        EvaluationReport report;
        dataset.check();
        try (LvNetModel model = weights.load().withPrecision(precision)) {
            Evaluation clean = dataset.score(model, split);
            RobustnessReport robustness = sweeps.isEmpty() ? null : new RobustnessReport(clean);
            for (PerturbationSweep sweep : sweeps) {
                for (Perturbation p : sweep.perturbations()) {
                    robustness.add(p, dataset.score(model, split, p, seed));
                }
            }
            report = new EvaluationReport(clean, model.calibration(), robustness).computedIn(model.precision().label());
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
            printRobustness(s);
        }
        if (out != null) {
            String title = "lvnet eval: " + weights.weights.getFileName() + " on " + dataset.data.getFileName() + " (" + split + ")";
            report.writeRoc(out.resolve("roc.png"), title);
            report.writeReliability(out.resolve("reliability.png"), title);
            report.writeRobustnessCurves(out, "frame AUC under perturbation");
            AtomicFiles.write(out.resolve("report.json"), o -> o.write(report.toJson().getBytes(StandardCharsets.UTF_8)));
            AtomicFiles.write(out.resolve("report.md"), o -> o.write(report.toMarkdown(title, "roc.png", "reliability.png")
                    .getBytes(StandardCharsets.UTF_8)));
            System.err.println("report written to " + out);
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static void printRobustness(Map<String, Object> summary) {
        Map<String, Object> r = (Map<String, Object>) summary.get("robustness");
        if (r == null) {
            return;
        }
        System.out.printf(Locale.ROOT, "%nrobustness           frame auc  change   video auc%n");
        r.forEach((kind, v) -> {
            for (Map<String, Object> row : (List<Map<String, Object>>) ((Map<String, Object>) v).get("levels")) {
                Double video = (Double) row.get("video_auc");
                System.out.printf(Locale.ROOT, "%-20s %.4f     %+.4f  %s%n", kind + ":" + row.get("level"),
                        (Double) row.get("frame_auc"), (Double) row.get("frame_auc_change"),
                        video == null ? "n/a" : String.format(Locale.ROOT, "%.4f", video));
            }
        });
    }
}
