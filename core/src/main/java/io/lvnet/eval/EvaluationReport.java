package io.lvnet.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lvnet.train.HostBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The measures of an evaluation, as {@code lvnet eval} reports them: frame- and video-level
 * AUC, equal error rate, average precision, accuracy at 0.5, localisation (patch AUC and IoU)
 * and breakdowns per manipulation method and per compression level.
 */
public final class EvaluationReport {
    private final Evaluation evaluation;
    private final RobustnessReport robustness;

    public EvaluationReport(Evaluation evaluation) {
        this(evaluation, null);
    }

    /**
     * @param evaluation the clean frames' evaluation
     * @param robustness the same frames perturbed, or null when none were
     */
    public EvaluationReport(Evaluation evaluation, RobustnessReport robustness) {
        this.evaluation = evaluation;
        this.robustness = robustness;
    }

    /** The JSON document's content, in its key order. */
    public Map<String, Object> summary() {
        BinaryMetrics frames = evaluation.frames();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("frames", frames.size());
        out.put("frame_auc", frames.auc());
        out.put("video_auc", orNull(() -> VideoScores.meanOfFrames(evaluation.faces()).auc()));
        out.put("video_auc_max_faces", orNull(() -> VideoScores.meanOfFrameMaxima(evaluation.faces()).auc()));
        out.put("eer", frames.equalErrorRate());
        out.put("ap", frames.averagePrecision());
        out.put("acc", frames.accuracy(0.5));
        out.put("patch_auc", orNull(() -> evaluation.patches().auc()));
        out.put("patch_iou", evaluation.patchIou());
        out.put("per_method", breakdown(HostBatch.FaceInfo::method, true));
        out.put("per_compression", breakdown(HostBatch.FaceInfo::compression, false));
        if (robustness != null) {
            out.put("robustness", robustness.summary());
        }
        return out;
    }

    /**
     * AUC per group. Per method: each method's fakes against all real faces (real faces form
     * no group of their own). Per compression: real and fake faces of that level.
     */
    private Map<String, Object> breakdown(Function<HostBatch.FaceInfo, String> key, boolean fakesAgainstAllReal) {
        List<VideoScores.Face> faces = evaluation.faces();
        List<HostBatch.FaceInfo> info = evaluation.info();
        Map<String, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < faces.size(); i++) {
            if (fakesAgainstAllReal && faces.get(i).label() == 0) {
                continue;
            }
            groups.computeIfAbsent(key.apply(info.get(i)), k -> new ArrayList<>()).add(i);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        groups.forEach((group, members) -> {
            List<Integer> idx = new ArrayList<>(members);
            if (fakesAgainstAllReal) {
                for (int i = 0; i < faces.size(); i++) {
                    if (faces.get(i).label() == 0) {
                        idx.add(i);
                    }
                }
            }
            double[] s = idx.stream().mapToDouble(i -> faces.get(i).score()).toArray();
            int[] y = idx.stream().mapToInt(i -> faces.get(i).label()).toArray();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("faces", idx.size());
            m.put("auc", orNull(() -> new BinaryMetrics(s, y).auc()));
            m.put("acc", accuracy(s, y));
            out.put(group, m);
        });
        return out;
    }

    private static double accuracy(double[] s, int[] y) {
        int right = 0;
        for (int i = 0; i < s.length; i++) {
            right += (s[i] >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
        }
        return (double) right / s.length;
    }

    /** A metric that needs both classes, or null when a group has only one. */
    static Double orNull(java.util.function.DoubleSupplier metric) {
        try {
            return metric.getAsDouble();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The summary as indented JSON. */
    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A Markdown report: the headline table, the breakdowns, the robustness table and the
     * pictures (when {@code rocPng} is given: the ROC curve and the robustness curves, as
     * {@link #writeRoc} and {@link #writeRobustnessCurves} name them).
     */
    @SuppressWarnings("unchecked")
    public String toMarkdown(String title, String rocPng) {
        Map<String, Object> s = summary();
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n| measure | value |\n| --- | --- |\n");
        for (String k : List.of("frames", "frame_auc", "video_auc", "video_auc_max_faces", "eer", "ap", "acc", "patch_auc", "patch_iou")) {
            md.append("| ").append(k.replace('_', ' ')).append(" | ").append(format(s.get(k))).append(" |\n");
        }
        for (String section : List.of("per_method", "per_compression")) {
            md.append("\n## ").append(section.replace('_', ' ')).append("\n\n| group | faces | AUC | accuracy |\n| --- | --- | --- | --- |\n");
            ((Map<String, Map<String, Object>>) s.get(section)).forEach((g, m) -> md.append("| ").append(g).append(" | ")
                    .append(m.get("faces")).append(" | ").append(format(m.get("auc"))).append(" | ")
                    .append(format(m.get("acc"))).append(" |\n"));
        }
        if (rocPng != null) {
            md.append("\n![ROC](").append(rocPng).append(")\n");
        }
        if (robustness != null) {
            md.append(robustness.toMarkdown(rocPng != null));
        }
        return md.toString();
    }

    private static String format(Object v) {
        return v == null ? "n/a" : v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v.toString();
    }

    /** The ROC curves of frames and videos as a PNG. */
    public void writeRoc(Path png, String title) throws IOException {
        Map<String, BinaryMetrics> curves = new LinkedHashMap<>();
        curves.put("frames", evaluation.frames());
        try {
            curves.put("videos (mean)", VideoScores.meanOfFrames(evaluation.faces()));
        } catch (IllegalArgumentException e) {
            // a single video per class: no video-level curve
        }
        Plots.roc(png, title, curves);
    }

    /**
     * One robustness curve per perturbation, as PNGs in {@code dir}; nothing without
     * perturbations.
     *
     * @return the files' names
     */
    public List<String> writeRobustnessCurves(Path dir, String title) throws IOException {
        return robustness == null ? List.of() : robustness.writeCurves(dir, title);
    }
}
