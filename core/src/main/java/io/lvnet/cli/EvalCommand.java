package io.lvnet.cli;

import ai.djl.ndarray.NDManager;
import io.lvnet.augment.Augmentation;
import io.lvnet.data.FaceForensicsSplits;
import io.lvnet.data.FrameDataset;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Split;
import io.lvnet.data.SplitSampler;
import io.lvnet.data.readers.DataLayout;
import io.lvnet.data.readers.DatasetLocation;
import io.lvnet.eval.Evaluation;
import io.lvnet.eval.EvaluationReport;
import io.lvnet.eval.RobustnessReport;
import io.lvnet.model.LvNetModel;
import io.lvnet.perturb.Perturbation;
import io.lvnet.perturb.PerturbationSweep;
import io.lvnet.train.DatasetBatches;
import io.lvnet.weights.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lvnet eval}: measure a detector the way the field measures detectors. */
@Command(name = "eval", header = "Measure weights on a dataset: AUC, EER, AP, localisation, per method.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Evaluate weights on a split of a dataset: frame-level AUC, video-level AUC (mean of frames, and",
            "mean of each frame's most suspicious face), equal error rate, average precision, accuracy at 0.5,",
            "localisation (patch AUC and IoU at 0.5 against the pooled masks), and AUC per manipulation method",
            "and per compression level.",
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
    @Spec
    CommandSpec spec;

    @Mixin
    WeightsOptions weights;

    @Option(names = {"-d", "--data"}, required = true, paramLabel = "DIR", description = "The dataset's folder.")
    Path data;

    @Option(names = "--layout", defaultValue = "canonical", paramLabel = "NAME",
            description = "canonical, composite or deepfakebench (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--splits", paramLabel = "DIR", description = "composite: folder with FF++'s train.json, val.json, test.json.")
    Path splits;

    @Option(names = "--index", paramLabel = "FILE", description = "deepfakebench: its dataset JSON (e.g. dataset_json/Celeb-DF-v2.json).")
    Path index;

    @Option(names = "--split", defaultValue = "test", paramLabel = "NAME", description = "train, val or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--method", paramLabel = "NAME", split = ",", description = "Only these methods' fakes (real faces are always kept).")
    List<String> methods;

    @Option(names = "--batch", defaultValue = "16", paramLabel = "N", description = "Faces per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--workers", defaultValue = "2", paramLabel = "N", description = "Decoding threads (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--json", description = "Print the JSON document ({\"frame_auc\", \"video_auc\", \"eer\", \"ap\", \"acc\", "
            + "\"patch_auc\", \"patch_iou\", \"per_method\", ...}) instead of a table.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write report.json, report.md and roc.png (with --perturb, robustness-KIND.png) to DIR.")
    Path out;

    @Option(names = "--perturb", arity = "1..*", paramLabel = "KIND:LEVELS",
            description = "Also score the faces under these perturbations, e.g. jpeg:90,70,50 h264:23,32,40 "
                    + "resize:0.5,0.25 blur:1,2 noise:5,10 (see above).")
    List<String> perturb;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
            description = "Seed of the perturbations' random draws (noise) (default: ${DEFAULT-VALUE}).")
    long seed;

    private List<PerturbationSweep> sweeps() {
        try {
            return perturb == null ? List.of() : PerturbationSweep.parseAll(perturb);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private DatasetLocation location() throws IOException {
        try {
            DataLayout l = DataLayout.of(layout);
            Map<Split, Path> lists = splits == null ? Map.of() : FaceForensicsSplits.inFolder(splits);
            return new DatasetLocation(l, data, lists, index);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        List<PerturbationSweep> sweeps = sweeps();
        FrameDataset ds = location().open();
        List<FrameRecord> frames = SplitSampler.sample(ds.frames(Split.of(split)),
                methods == null ? null : new HashSet<>(methods), 1, false, false, 0);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException(data + ": split '" + split + "' has no frames");
        }
        EvaluationReport report;
        try (LvNetModel model = weights.load(); NDManager m = NDManager.newBaseManager(model.device())) {
            Evaluation clean = score(model, m, ds, frames, null);
            RobustnessReport robustness = sweeps.isEmpty() ? null : new RobustnessReport(clean);
            for (PerturbationSweep sweep : sweeps) {
                for (Perturbation p : sweep.perturbations()) {
                    robustness.add(p, score(model, m, ds, frames, p));
                }
            }
            report = new EvaluationReport(clean, robustness);
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
            printRobustness(s);
        }
        if (out != null) {
            String title = "lvnet eval: " + weights.weights.getFileName() + " on " + data.getFileName() + " (" + split + ")";
            report.writeRoc(out.resolve("roc.png"), title);
            report.writeRobustnessCurves(out, "frame AUC under perturbation");
            AtomicFiles.write(out.resolve("report.json"), o -> o.write(report.toJson().getBytes(StandardCharsets.UTF_8)));
            AtomicFiles.write(out.resolve("report.md"), o -> o.write(report.toMarkdown(title, "roc.png").getBytes(StandardCharsets.UTF_8)));
            System.err.println("report written to " + out);
        }
        return 0;
    }

    /** One pass over the frames, perturbed by {@code p} (null: as they are), with its own progress bar. */
    private Evaluation score(LvNetModel model, NDManager m, FrameDataset ds, List<FrameRecord> frames, Perturbation p) {
        try (DatasetBatches batches = new DatasetBatches(ds, frames, model.config().inputSize(), Augmentation.NONE,
                        Math.min(batch, frames.size()), seed, false, null, workers, p);
                ProgressBar bar = new ProgressBar(p == null ? "faces" : p.toString(), frames.size())) {
            return Evaluation.run(model.network(), m, batches, bar);
        }
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
