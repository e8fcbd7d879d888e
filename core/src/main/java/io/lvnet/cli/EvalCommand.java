package io.lvnet.cli;

import ai.djl.ndarray.NDManager;
import io.lvnet.data.FaceForensicsSplits;
import io.lvnet.data.FrameDataset;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Split;
import io.lvnet.data.SplitSampler;
import io.lvnet.data.readers.DataLayout;
import io.lvnet.data.readers.DatasetLocation;
import io.lvnet.eval.Evaluation;
import io.lvnet.eval.EvaluationReport;
import io.lvnet.model.LvNetModel;
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

    @Option(names = "--out", paramLabel = "DIR", description = "Also write report.json, report.md and roc.png to DIR.")
    Path out;

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
        FrameDataset ds = location().open();
        List<FrameRecord> frames = SplitSampler.sample(ds.frames(Split.of(split)),
                methods == null ? null : new HashSet<>(methods), 1, false, false, 0);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException(data + ": split '" + split + "' has no frames");
        }
        EvaluationReport report;
        try (LvNetModel model = weights.load();
                NDManager m = NDManager.newBaseManager(model.device());
                DatasetBatches batches = new DatasetBatches(ds, frames, model.config().inputSize(), false,
                        Math.min(batch, frames.size()), 0, false, false, workers);
                ProgressBar bar = new ProgressBar("faces", frames.size())) {
            report = new EvaluationReport(Evaluation.run(model.network(), m, batches, bar));
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
        }
        if (out != null) {
            String title = "lvnet eval: " + weights.weights.getFileName() + " on " + data.getFileName() + " (" + split + ")";
            report.writeRoc(out.resolve("roc.png"), title);
            AtomicFiles.write(out.resolve("report.json"), o -> o.write(report.toJson().getBytes(StandardCharsets.UTF_8)));
            AtomicFiles.write(out.resolve("report.md"), o -> o.write(report.toMarkdown(title, "roc.png").getBytes(StandardCharsets.UTF_8)));
            System.err.println("report written to " + out);
        }
        return 0;
    }
}
