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

    /** loss.png and auc.png: the curves so far. */
    private void plot() throws IOException {
        List<EpochRecord> log = epochs();
        double[] x = log.stream().mapToDouble(EpochRecord::epoch).toArray();
        io.lvnet.eval.Plots.curves(root.resolve("loss.png"), "Training loss", "loss", x,
                java.util.Map.of("train", log.stream().mapToDouble(EpochRecord::trainLoss).toArray()));
        java.util.Map<String, double[]> auc = new java.util.LinkedHashMap<>();
        auc.put("validation frame AUC", log.stream().mapToDouble(EpochRecord::validationAuc).toArray());
        if (log.stream().noneMatch(r -> Double.isNaN(r.validationPatchAuc()))) {
            auc.put("validation patch AUC", log.stream().mapToDouble(EpochRecord::validationPatchAuc).toArray());
        }
        io.lvnet.eval.Plots.curves(root.resolve("auc.png"), "Validation", "AUC", x, auc);
    }
}
