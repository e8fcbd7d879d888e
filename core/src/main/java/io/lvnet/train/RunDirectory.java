package io.lvnet.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.weights.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A training run's folder: a checkpoint per epoch (weights and training state), the best
 * weights by validation AUC, and the epoch log as JSON lines and CSV.
 *
 * <pre>
 * RUN/checkpoints/epoch-003.safetensors        weights after epoch 3
 * RUN/checkpoints/epoch-003.state.safetensors  optimizer, schedule, counters
 * RUN/best.safetensors                         the best epoch's weights
 * RUN/epochs.jsonl, RUN/epochs.csv             one record per finished epoch
 * RUN/loss.png, RUN/auc.png                    the curves so far
 * </pre>
 */
public final class RunDirectory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STEPS_JSONL = "steps.jsonl";
    private static final String STEPS_CSV = "steps.csv";
    private final Path root;

    public RunDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Weights after epoch {@code epoch} (0-based). */
    public Path weights(int epoch) {
        return root.resolve("checkpoints").resolve(String.format("epoch-%03d.safetensors", epoch));
    }

    /** Training state after epoch {@code epoch}. */
    public Path state(int epoch) {
        return root.resolve("checkpoints").resolve(String.format("epoch-%03d.state.safetensors", epoch));
    }

    /** The fixed SSPSL labeller's weights, when the run has one (saved as it starts). */
    public Path labeller() {
        return root.resolve("checkpoints").resolve("labeller.safetensors");
    }

    /** The best epoch's weights. */
    public Path best() {
        return root.resolve("best.safetensors");
    }

    /** The last epoch whose weights and state are both on disk, or -1. */
    public int lastCompleteEpoch() {
        List<EpochRecord> log = epochs();
        for (int i = log.size() - 1; i >= 0; i--) {
            int e = log.get(i).epoch();
            if (Files.isRegularFile(weights(e)) && Files.isRegularFile(state(e))) {
                return e;
            }
        }
        return -1;
    }

    /** The epochs logged so far. */
    public List<EpochRecord> epochs() {
        Path f = root.resolve("epochs.jsonl");
        List<EpochRecord> out = new ArrayList<>();
        if (!Files.exists(f)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(JSON.readValue(line, EpochRecord.class));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(f + ": unreadable epoch log", e);
        }
        return out;
    }

    /** Appends an epoch to the logs; the CSV is rewritten whole so that it is never half a row. */
    void log(EpochRecord record) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve("epochs.jsonl"), JSON.writeValueAsString(record) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        StringBuilder csv = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
        for (EpochRecord r : epochs()) {
            csv.append(r.csvRow()).append('\n');
        }
        AtomicFiles.write(root.resolve("epochs.csv"), out -> out.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
        plot();
    }

    /** The steps logged so far. */
    public List<StepRecord> steps() {
        Path f = root.resolve(STEPS_JSONL);
        List<StepRecord> out = new ArrayList<>();
        if (!Files.exists(f)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(JSON.readValue(line, StepRecord.class));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(f + ": unreadable step log", e);
        }
        return out;
    }

    /** Appends a step to steps.jsonl and steps.csv. */
    void logStep(StepRecord record) throws IOException {
        Files.createDirectories(root);
        Path csv = root.resolve(STEPS_CSV);
        String row = (Files.exists(csv) ? "" : StepRecord.CSV_HEADER + "\n") + record.csvRow() + "\n";
        Files.writeString(root.resolve(STEPS_JSONL), JSON.writeValueAsString(record) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.writeString(csv, row, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Drops the steps logged after {@code lastEpoch}: a run resumed from that epoch's checkpoint
     * takes those steps again, and they must not appear twice.
     */
    public void keepStepsUpTo(int lastEpoch) throws IOException {
        List<StepRecord> kept = steps().stream().filter(r -> r.epoch() <= lastEpoch).toList();
        StringBuilder jsonl = new StringBuilder();
        StringBuilder csv = new StringBuilder(StepRecord.CSV_HEADER).append('\n');
        for (StepRecord r : kept) {
            jsonl.append(JSON.writeValueAsString(r)).append('\n');
            csv.append(r.csvRow()).append('\n');
        }
        AtomicFiles.write(root.resolve(STEPS_JSONL), out -> out.write(jsonl.toString().getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(root.resolve(STEPS_CSV), out -> out.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** loss.png (per step, by term) and auc.png (per epoch): the curves so far. */
    private void plot() throws IOException {
        List<EpochRecord> log = epochs();
        double[] x = log.stream().mapToDouble(EpochRecord::epoch).toArray();
        plotLoss();
        java.util.Map<String, double[]> auc = new java.util.LinkedHashMap<>();
        auc.put("validation frame AUC", log.stream().mapToDouble(EpochRecord::validationAuc).toArray());
        if (log.stream().noneMatch(r -> Double.isNaN(r.validationPatchAuc()))) {
            auc.put("validation patch AUC", log.stream().mapToDouble(EpochRecord::validationPatchAuc).toArray());
        }
        io.lvnet.eval.Plots.curves(root.resolve("auc.png"), "Validation", "AUC", x, auc);
    }

    /** Each step's loss and its terms, against the epoch (fractional within an epoch). */
    private void plotLoss() throws IOException {
        List<StepRecord> steps = steps();
        if (steps.isEmpty()) {
            return;
        }
        java.util.Map<Integer, Long> perEpoch = new java.util.HashMap<>();
        steps.forEach(r -> perEpoch.merge(r.epoch(), 1L, Long::sum));
        double[] x = new double[steps.size()];
        java.util.Map<Integer, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < x.length; i++) {
            int e = steps.get(i).epoch();
            int k = seen.merge(e, 1, Integer::sum) - 1;
            x[i] = e + k / (double) perEpoch.get(e);
        }
        // single steps are noisy (a batch of 16): a centred moving average shows the trend
        int window = Math.max(1, Math.min(50, steps.size() / 20));
        java.util.Map<String, double[]> series = new java.util.LinkedHashMap<>();
        series.put("loss", movingAverage(steps.stream().mapToDouble(StepRecord::loss).toArray(), window));
        series.put("classification", movingAverage(steps.stream().mapToDouble(StepRecord::classificationLoss).toArray(), window));
        series.put("patches", movingAverage(steps.stream().mapToDouble(StepRecord::patchLoss).toArray(), window));
        String title = window == 1 ? "Training loss per step" : "Training loss per step (mean of " + window + " steps)";
        io.lvnet.eval.Plots.lines(root.resolve("loss.png"), title, "epoch", "loss", x, series);
    }

    /** The mean of the {@code window} values centred on each one (fewer at the ends). */
    static double[] movingAverage(double[] v, int window) {
        double[] out = new double[v.length];
        int half = window / 2;
        for (int i = 0; i < v.length; i++) {
            int from = Math.max(0, i - half);
            int to = Math.min(v.length, i - half + window);
            double sum = 0;
            for (int j = from; j < to; j++) {
                sum += v[j];
            }
            out[i] = sum / (to - from);
        }
        return out;
    }
}
