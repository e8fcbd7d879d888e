package io.lvnet.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lvnet.model.LvNet;
import io.lvnet.weights.Safetensors;
import io.lvnet.weights.SafetensorsContent;
import io.lvnet.weights.TensorData;
import io.lvnet.weights.WeightsFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The file layout of a {@link TrainingState}: one safetensors file whose tensors are the Adam
 * moments, {@code exp_avg/<name>} and {@code exp_avg_sq/<name>} (float32, reference parameter
 * names, only for parameters that have stepped), and whose string metadata holds {@code
 * format = lvnet-training-state}, {@code format_version = 1} and {@code state}, a JSON object:
 *
 * <pre>
 * {"seed": 42, "epoch": 3, "step": 1200,
 *  "schedule": {"initial_lr": 5e-4, "gamma": 0.5, "step_epochs": 5},
 *  "optimizer": {"lr": 5e-4, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 1e-5,
 *                "steps": {"&lt;name&gt;": 1200, ...}}}
 * </pre>
 *
 * A run that averages its weights ({@link WeightAverage}) also stores {@code network/<name>}, the
 * network's own weights (its epoch's weights file holds the average), and {@code "weight_average":
 * {"decay": 0.998, "updates": 1200}} in the state.
 *
 * Doubles are written in their shortest round-tripping form, so they read back exactly.
 */
final class TrainingStateFile {
    static final String FORMAT = "lvnet-training-state";
    static final String VERSION = "1";
    private static final String EXP_AVG = "exp_avg/";
    private static final String EXP_AVG_SQ = "exp_avg_sq/";
    /** The network's own weights, beside the average the checkpoint's weights file holds. */
    private static final String NETWORK = "network/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingStateFile() {
    }

    static void write(Path file, TrainingState state) throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        ObjectNode steps = JSON.createObjectNode();
        state.optimizer().state().forEach((name, ps) -> {
            tensors.put(EXP_AVG + name, ps.expAvg());
            tensors.put(EXP_AVG_SQ + name, ps.expAvgSq());
            steps.put(name, ps.steps());
        });
        ObjectNode root = JSON.createObjectNode();
        root.put("seed", state.seed());
        root.put("epoch", state.epoch());
        root.put("step", state.step());
        ObjectNode schedule = root.putObject("schedule");
        schedule.put("initial_lr", state.schedule().initialLearningRate());
        schedule.put("gamma", state.schedule().gamma());
        schedule.put("step_epochs", state.schedule().stepEpochs());
        AdamSettings s = state.optimizer().settings();
        ObjectNode optimizer = root.putObject("optimizer");
        optimizer.put("lr", state.optimizer().learningRate());
        optimizer.put("initial_lr", s.learningRate());
        optimizer.putArray("betas").add(s.beta1()).add(s.beta2());
        optimizer.put("eps", s.eps());
        optimizer.put("weight_decay", s.weightDecay());
        optimizer.set("steps", steps);
        WeightAverage average = state.average();
        if (average != null) {
            average.networkWeights().forEach((name, t) -> tensors.put(NETWORK + name, t));
            ObjectNode a = root.putObject("weight_average");
            a.put("decay", average.decay());
            a.put("updates", average.updates());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("format_version", VERSION);
        metadata.put("state", JSON.writeValueAsString(root));
        Safetensors.write(file, tensors, metadata);
    }

    static TrainingState read(Path file, LvNet net) throws IOException {
        SafetensorsContent content = Safetensors.read(file);
        Map<String, String> meta = content.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw invalid(file, "not a training state (metadata 'format' is " + meta.get("format") + ")");
        }
        if (!VERSION.equals(meta.get("format_version"))) {
            throw invalid(file, "unsupported format version " + meta.get("format_version"));
        }
        JsonNode root;
        try {
            root = JSON.readTree(meta.getOrDefault("state", ""));
        } catch (JsonProcessingException e) {
            throw invalid(file, "its state is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        try {
            JsonNode opt = field(root, "optimizer");
            JsonNode betas = field(opt, "betas");
            AdamSettings settings = new AdamSettings(number(opt, "initial_lr"),
                    betas.path(0).asDouble(Double.NaN), betas.path(1).asDouble(Double.NaN),
                    number(opt, "eps"), number(opt, "weight_decay"));
            JsonNode sched = field(root, "schedule");
            StepSchedule schedule = new StepSchedule(number(sched, "initial_lr"), number(sched, "gamma"),
                    Math.toIntExact(integer(sched, "step_epochs")));
            Map<String, TensorData> network = new LinkedHashMap<>();
            Map<String, TensorData> optimizerTensors = new LinkedHashMap<>();
            content.tensors().forEach((key, t) -> {
                if (key.startsWith(NETWORK)) {
                    network.put(key.substring(NETWORK.length()), t);
                } else {
                    optimizerTensors.put(key, t);
                }
            });
            TrainingState.SavedAverage saved = null;
            if (root.has("weight_average")) {
                JsonNode a = field(root, "weight_average");
                saved = new TrainingState.SavedAverage(number(a, "decay"), integer(a, "updates"), network);
            } else if (!network.isEmpty()) {
                throw new IllegalArgumentException("network weights are stored but no weight average");
            }
            Map<String, Adam.ParameterState> moments = moments(optimizerTensors, field(opt, "steps"));
            Adam adam = Adam.forNetwork(net, settings);
            try {
                adam.restore(moments);
                adam.setLearningRate(number(opt, "lr"));
                TrainingState state = new TrainingState(adam, schedule, integer(root, "seed"),
                        Math.toIntExact(integer(root, "epoch")), integer(root, "step"));
                state.restoredAverage(saved);
                return state;
            } catch (RuntimeException e) {
                adam.close();
                throw e;
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid(file, e.getMessage());
        }
    }

    /** Pairs the moment tensors with their step counts, refusing any stray or missing entry. */
    private static Map<String, Adam.ParameterState> moments(Map<String, TensorData> tensors, JsonNode steps) {
        Map<String, Adam.ParameterState> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (String key : tensors.keySet()) {
            if (key.startsWith(EXP_AVG_SQ)) {
                continue;
            }
            if (!key.startsWith(EXP_AVG)) {
                throw new IllegalArgumentException("unexpected tensor " + key);
            }
            String name = key.substring(EXP_AVG.length());
            TensorData sq = tensors.get(EXP_AVG_SQ + name);
            if (sq == null) {
                throw new IllegalArgumentException("tensor " + EXP_AVG_SQ + name + " is missing");
            }
            out.put(name, new Adam.ParameterState(tensors.get(key), sq, integer(steps, name)));
            used.add(EXP_AVG_SQ + name);
        }
        for (String key : tensors.keySet()) {
            if (key.startsWith(EXP_AVG_SQ) && !used.contains(key)) {
                throw new IllegalArgumentException("tensor " + EXP_AVG + key.substring(EXP_AVG_SQ.length())
                        + " is missing");
            }
        }
        if (steps.size() != out.size()) {
            throw new IllegalArgumentException("optimizer step counts name " + steps.size()
                    + " parameters but moments are stored for " + out.size());
        }
        return out;
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isContainerNode()) {
            throw new IllegalArgumentException("state entry '" + name + "' is missing or not an object");
        }
        return v;
    }

    private static double number(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("state entry '" + name + "' is missing or not a number");
        }
        return v.asDouble();
    }

    private static long integer(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("state entry '" + name + "' is missing or not an integer");
        }
        return v.asLong();
    }

    private static WeightsFormatException invalid(Path file, String problem) {
        return new WeightsFormatException(("invalid training state " + file + ": " + problem)
                .replaceAll("[\\r\\n]+", " "));
    }
}
