package io.lvnet.eval;


import io.lvnet.perturb.Perturbation;
import io.lvnet.perturb.PerturbationKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a detector's measures change when the frames are perturbed ({@code lvnet eval
 * --perturb}): per perturbation and level, frame AUC and its change against the clean frames,
 * video AUC, patch AUC and accuracy at 0.5, as JSON, a Markdown table and one curve per
 * perturbation.
 */
public final class RobustnessReport {
    private final Evaluation clean;
    private final Map<PerturbationKind, List<Level>> kinds = new LinkedHashMap<>();

    /** One level's evaluation. */
    private record Level(Perturbation perturbation, Evaluation evaluation) {
    }

    /**
     * @param clean the evaluation of the unperturbed frames, the reference for every change
     */
    public RobustnessReport(Evaluation clean) {
        this.clean = clean;
    }

    /** Adds one level's evaluation; curves keep the order levels are added in. */
    public void add(Perturbation perturbation, Evaluation evaluation) {
        kinds.computeIfAbsent(perturbation.kind(), k -> new ArrayList<>()).add(new Level(perturbation, evaluation));
    }

    /**
     * The JSON content: per perturbation ({@code jpeg}, ...) its parameter and its levels, each
     * with {@code level, frames, frame_auc, frame_auc_change, video_auc, patch_auc, acc}.
     */
    public Map<String, Object> summary() {
        double cleanAuc = clean.frames().auc();
        Map<String, Object> out = new LinkedHashMap<>();
        kinds.forEach((kind, levels) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Level l : levels) {
                BinaryMetrics frames = l.evaluation().frames();
                Map<String, Object> row = new LinkedHashMap<>();
                double level = l.perturbation().level();
                row.put("level", level == Math.rint(level) ? (Object) (long) level : (Object) level);
                row.put("frames", frames.size());
                row.put("frame_auc", frames.auc());
                row.put("frame_auc_change", frames.auc() - cleanAuc);
                row.put("video_auc", EvaluationReport.orNull(() -> VideoScores.meanOfFrames(l.evaluation().faces()).auc()));
                row.put("patch_auc", EvaluationReport.orNull(() -> l.evaluation().patches().auc()));
                row.put("acc", frames.accuracy(0.5));
                rows.add(row);
            }
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("parameter", kind.parameter());
            k.put("levels", rows);
            out.put(kind.id(), k);
        });
        return out;
    }

    /**
     * The Markdown section: one table row per level, below a row for the clean frames, and
     * the curves' pictures when {@code withCurves} (written by {@link #writeCurves}).
     */
    public String toMarkdown(boolean withCurves) {
        StringBuilder md = new StringBuilder("\n## robustness\n\n")
                .append("Each perturbation is applied to the whole frame before the face is cut.\n\n")
                .append("| perturbation | level | frame AUC | change | video AUC | patch AUC | accuracy |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- |\n");
        BinaryMetrics frames = clean.frames();
        md.append("| none | | ").append(f(frames.auc())).append(" | | ")
                .append(f(EvaluationReport.orNull(() -> VideoScores.meanOfFrames(clean.faces()).auc()))).append(" | ")
                .append(f(EvaluationReport.orNull(() -> clean.patches().auc()))).append(" | ")
                .append(f(frames.accuracy(0.5))).append(" |\n");
        summary().forEach((kind, v) -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) ((Map<String, Object>) v).get("levels");
            for (Map<String, Object> r : rows) {
                md.append("| ").append(kind).append(" | ").append(r.get("level")).append(" | ")
                        .append(f(r.get("frame_auc"))).append(" | ")
                        .append(String.format(Locale.ROOT, "%+.4f", (Double) r.get("frame_auc_change"))).append(" | ")
                        .append(f(r.get("video_auc"))).append(" | ").append(f(r.get("patch_auc"))).append(" | ")
                        .append(f(r.get("acc"))).append(" |\n");
            }
        });
        if (withCurves) {
            md.append('\n');
            kinds.keySet().forEach(k -> md.append("![").append(k.id()).append("](").append(curveName(k)).append(")\n"));
        }
        return md.toString();
    }

    /**
     * Writes one PNG per perturbation into {@code dir}: frame AUC over the levels, against the
     * clean frames' AUC.
     *
     * @return the files' names, in the order of the perturbations
     */
    public List<String> writeCurves(Path dir, String title) throws IOException {
        double cleanAuc = clean.frames().auc();
        List<String> names = new ArrayList<>();
        for (Map.Entry<PerturbationKind, List<Level>> e : kinds.entrySet()) {
            List<Level> levels = e.getValue();
            double[] x = levels.stream().mapToDouble(l -> l.perturbation().level()).toArray();
            double[] auc = levels.stream().mapToDouble(l -> l.evaluation().frames().auc()).toArray();
            String name = curveName(e.getKey());
            Charts.installed().levels(dir.resolve(name), title + ": " + e.getKey().id(), e.getKey().parameter(), "frame AUC", x, auc,
                    cleanAuc);
            names.add(name);
        }
        return names;
    }

    private static String curveName(PerturbationKind kind) {
        return "robustness-" + kind.id() + ".png";
    }

    private static String f(Object v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.4f", ((Number) v).doubleValue());
    }
}
