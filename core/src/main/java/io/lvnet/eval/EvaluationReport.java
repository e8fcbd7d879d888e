package io.lvnet.eval;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lvnet.data.HostBatch;
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
 * AUC, equal error rate, average precision, accuracy at 0.5, localisation (patch AUC and IoU),
 * breakdowns per manipulation method and per compression level, and calibration (expected
 * calibration error and Brier score of the raw softmax and, where the weights carry one, of the
 * calibrated probability; true positive rates at 1 % and 5 % false positives).
 */
public final class EvaluationReport {
    private static final List<String> HEADLINE = List.of("frames", "frame_auc", "video_auc", "video_auc_max_faces", "eer",
            "ap", "acc", "patch_auc", "patch_iou");
    private static final List<String> CALIBRATION_ROWS = List.of("ece_raw", "ece_calibrated", "brier_raw",
            "brier_calibrated", "auc_raw", "auc_calibrated", "tpr_at_fpr1", "tpr_at_fpr5");
    private final Evaluation evaluation;
    private final ScoreCalibration calibration;
    private final RobustnessReport robustness;
    private String precision;

    /** The report of weights without calibration. */
    public EvaluationReport(Evaluation evaluation) {
        this(evaluation, null, null);
    }

    /** The report of weights with {@code calibration} (null for none). */
    public EvaluationReport(Evaluation evaluation, ScoreCalibration calibration) {
        this(evaluation, calibration, null);
    }

    /**
     * @param evaluation the clean frames' evaluation
     * @param robustness the same frames perturbed, or null when none were
     */
    public EvaluationReport(Evaluation evaluation, RobustnessReport robustness) {
        this(evaluation, null, robustness);
    }

    /**
     * @param evaluation the clean frames' evaluation
     * @param calibration the weights' calibration, or null for none
     * @param robustness the same frames perturbed, or null when none were
     */
    public EvaluationReport(Evaluation evaluation, ScoreCalibration calibration, RobustnessReport robustness) {
        this.evaluation = evaluation;
        this.calibration = calibration;
        this.robustness = robustness;
    }

    /**
     * Records the arithmetic the faces were scored in ({@code fp32} or {@code bf16}), which the
     * JSON document then names.
     *
     * @return this report
     */
    public EvaluationReport computedIn(String precision) {
        this.precision = precision;
        return this;
    }

    /** The JSON document's content, in its key order. */
    public Map<String, Object> summary() {
        BinaryMetrics frames = evaluation.frames();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("frames", frames.size());
        if (precision != null) {
            out.put("precision", precision);
        }
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
        out.put("calibration", calibrationSummary());
        if (robustness != null) {
            out.put("robustness", robustness.summary());
        }
        return out;
    }

    /**
     * The calibration section: ECE (over {@value CalibrationMetrics#DEFAULT_BINS} equal bins) and
     * Brier score before and after calibration, AUC before and after (the same, as calibration
     * keeps the faces' order), the true positive rates at 1 % and 5 % false positives, and
     * where the weights carry operating points, the rates their thresholds give on these faces.
     */
    private Map<String, Object> calibrationSummary() {
        int[] y = evaluation.labels();
        double[] raw = rawProbabilities();
        double[] cal = calibratedProbabilities();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calibrated", calibration != null);
        m.put("method", calibration == null ? null : calibration.method());
        m.put("bins", CalibrationMetrics.DEFAULT_BINS);
        m.put("ece_raw", CalibrationMetrics.expectedCalibrationError(raw, y));
        m.put("ece_calibrated", cal == null ? null : CalibrationMetrics.expectedCalibrationError(cal, y));
        m.put("brier_raw", CalibrationMetrics.brier(raw, y));
        m.put("brier_calibrated", cal == null ? null : CalibrationMetrics.brier(cal, y));
        m.put("auc_raw", orNull(() -> new BinaryMetrics(raw, y).auc()));
        m.put("auc_calibrated", cal == null ? null : orNull(() -> new BinaryMetrics(cal, y).auc()));
        m.put("tpr_at_fpr1", orNull(() -> CalibrationMetrics.truePositiveRateAt(raw, y, 0.01)));
        m.put("tpr_at_fpr5", orNull(() -> CalibrationMetrics.truePositiveRateAt(raw, y, 0.05)));
        if (calibration != null) {
            Map<String, Object> points = new LinkedHashMap<>();
            calibration.thresholds().forEach((name, t) -> points.put(name, rates(cal, y, t)));
            m.put("operating_points", points);
        }
        return m;
    }

    /** The softmax's probability, computed in double from the margin (so it does not round to 1). */
    private double[] rawProbabilities() {
        double[] margins = evaluation.margins();
        double[] p = new double[margins.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = 1 / (1 + Math.exp(-margins[i]));
        }
        return p;
    }

    private double[] calibratedProbabilities() {
        if (calibration == null) {
            return null;
        }
        double[] margins = evaluation.margins();
        double[] p = new double[margins.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = calibration.probability(margins[i]);
        }
        return p;
    }

    /** The rates a threshold gives: false positives among real faces, true positives among fakes. */
    private static Map<String, Object> rates(double[] p, int[] y, double threshold) {
        int fp = 0;
        int tp = 0;
        int fakes = 0;
        for (int i = 0; i < p.length; i++) {
            fakes += y[i];
            if (p[i] >= threshold) {
                fp += 1 - y[i];
                tp += y[i];
            }
        }
        int reals = p.length - fakes;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("threshold", threshold);
        r.put("fpr", reals == 0 ? null : (double) fp / reals);
        r.put("tpr", fakes == 0 ? null : (double) tp / fakes);
        return r;
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
    public String toMarkdown(String title, String rocPng) {
        return toMarkdown(title, rocPng, null);
    }

    /** A Markdown report: the headline table, calibration, the breakdowns, the ROC and reliability pictures. */
    @SuppressWarnings("unchecked")
    public String toMarkdown(String title, String rocPng, String reliabilityPng) {
        Map<String, Object> s = summary();
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n| measure | value |\n| --- | --- |\n");
        for (String k : HEADLINE) {
            md.append("| ").append(k.replace('_', ' ')).append(" | ").append(format(s.get(k))).append(" |\n");
        }
        Map<String, Object> c = (Map<String, Object>) s.get("calibration");
        md.append("\n## calibration\n\n").append(calibration == null ? "The weights carry no calibration.\n\n"
                : "Calibrated by " + calibration.method() + " scaling.\n\n").append("| measure | value |\n| --- | --- |\n");
        for (String k : CALIBRATION_ROWS) {
            md.append("| ").append(k.replace('_', ' ')).append(" | ").append(format(c.get(k))).append(" |\n");
        }
        if (reliabilityPng != null) {
            md.append("\n![reliability](").append(reliabilityPng).append(")\n");
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

    /**
     * The reliability diagram as a PNG: per bin, the share of fakes against the mean predicted
     * probability, for the raw softmax and, where there is one, the calibrated probability.
     */
    public void writeReliability(Path png, String title) throws IOException {
        int[] y = evaluation.labels();
        Map<String, List<CalibrationMetrics.Bin>> series = new LinkedHashMap<>();
        double[] raw = rawProbabilities();
        series.put(String.format(Locale.ROOT, "raw softmax (ECE %.3f)", CalibrationMetrics.expectedCalibrationError(raw, y)),
                CalibrationMetrics.reliability(raw, y, CalibrationMetrics.DEFAULT_BINS));
        double[] cal = calibratedProbabilities();
        if (cal != null) {
            series.put(String.format(Locale.ROOT, "calibrated, %s (ECE %.3f)", calibration.method(),
                    CalibrationMetrics.expectedCalibrationError(cal, y)), CalibrationMetrics.reliability(cal, y,
                    CalibrationMetrics.DEFAULT_BINS));
        }
        Charts.installed().reliability(png, title, series);
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
        Charts.installed().roc(png, title, curves);
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
