package io.lvnet.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run's folder: a checkpoint per epoch (weights and training state), the best
 * weights by validation AUC, and the epoch and step logs as JSON lines and CSV.
 *
 * <pre>
 * RUN/checkpoints/epoch-003.safetensors        weights after epoch 3
 * RUN/checkpoints/epoch-003.state.safetensors  optimizer, schedule, counters
 * RUN/best.safetensors                         the best epoch's weights
 * RUN/epochs.jsonl, RUN/epochs.csv             one record per finished epoch
 * RUN/steps.jsonl, RUN/steps.csv               one record per step (loss, memory)
 * RUN/loss.png, RUN/auc.png                    the curves so far
 * </pre>
 */
public final class RunDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(RunDirectory.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EPOCHS_JSONL = "epochs.jsonl";
    private static final String EPOCHS_CSV = "epochs.csv";
    private static final String STEPS_JSONL = "steps.jsonl";
    private static final String STEPS_CSV = "steps.csv";
    private final Path root;
    /** Logs whose torn line has been reported: it is read several times before it is cut away. */
    private final Set<Path> warnedTorn = new HashSet<>();

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

    /** The epochs logged so far (a torn last line is not one, see {@link #keepUpTo}). */
    public List<EpochRecord> epochs() {
        return read(EpochRecord.LOG, EPOCHS_JSONL).records();
    }

    /** Appends an epoch to the logs; the CSV is rewritten whole so that it is never half a row. */
    void log(EpochRecord record) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve(EPOCHS_JSONL), JSON.writeValueAsString(record) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        writeCsv(EPOCHS_CSV, EpochRecord.CSV_HEADER, epochs(), EpochRecord::csvRow);
        plot();
    }

    /** The steps logged so far (a torn last line is not one, see {@link #keepUpTo}). */
    public List<StepRecord> steps() {
        return read(StepRecord.LOG, STEPS_JSONL).records();
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
     * Cuts the logs back to the epochs up to {@code lastEpoch} (-1: none), before a run trains
     * the epochs after it: a run resumed from that epoch's checkpoint takes their steps again,
     * and they must not appear twice. A torn last line, left by a crash or a full disk in the
     * middle of an append, is dropped with a warning; were it kept, the next record would be
     * glued to it. Each log is rewritten whole and atomically (the CSVs from the JSON lines).
     *
     * @throws java.io.UncheckedIOException when a line other than the last is not a record
     */
    public void keepUpTo(int lastEpoch) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<EpochRecord> epochs = read(EpochRecord.LOG, EPOCHS_JSONL).records().stream()
                .filter(r -> r.epoch() <= lastEpoch).toList();
        List<StepRecord> steps = read(StepRecord.LOG, STEPS_JSONL).records().stream()
                .filter(r -> r.epoch() <= lastEpoch).toList();
        writeLog(EPOCHS_JSONL, EPOCHS_CSV, EpochRecord.CSV_HEADER, epochs, EpochRecord::csvRow);
        writeLog(STEPS_JSONL, STEPS_CSV, StepRecord.CSV_HEADER, steps, StepRecord::csvRow);
    }

    /** A log's content, with a warning when its last line is torn. */
    private <T> JsonLines.Content<T> read(JsonLines<T> log, String name) {
        Path file = root.resolve(name);
        JsonLines.Content<T> content;
        try {
            content = log.read(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (content.tornLine() != null && warnedTorn.add(file)) {
            LOG.warn("{}: dropping its torn last line '{}', left by an interrupted write", file, content.tornLine());
        }
        return content;
    }

    private <T> void writeLog(String jsonl, String csv, String header, List<T> records, Function<T, String> row)
            throws IOException {
        byte[] lines = JsonLines.format(records).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(root.resolve(jsonl), out -> out.write(lines));
        writeCsv(csv, header, records, row);
    }

    private <T> void writeCsv(String name, String header, List<T> records, Function<T, String> row) throws IOException {
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (T r : records) {
            csv.append(row.apply(r)).append('\n');
        }
        AtomicFiles.write(root.resolve(name), out -> out.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Readies the charts {@link #log} draws after each epoch (see {@link io.lvnet.eval.Charts#warmUp}):
     * an epoch's memory is read before its curves are drawn, so without this the first drawing's
     * fonts and native caches (10 to 15 MB in a compact run) counted as growth from epoch 1 on.
     */
    void warmUpCharts() {
        io.lvnet.eval.Charts.installed().warmUp();
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
        io.lvnet.eval.Charts.installed().curves(root.resolve("auc.png"), "Validation", "AUC", x, auc);
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
        io.lvnet.eval.Charts.installed().lines(root.resolve("loss.png"), title, "epoch", "loss", x, series);
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
