package io.lvnet.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lvnet.eval.ScoreCalibration;
import java.util.EnumMap;
import java.util.Map;

/**
 * A calibration of a network's face score, as {@code lvnet calibrate} fits it and a weights
 * file carries it (JSON under the metadata key {@value #METADATA_KEY}): the temperature, the
 * isotonic regression on the temperature-scaled probability where there were enough faces, the
 * operating points on the calibrated probability, and what it was fitted on.
 *
 * <p>The calibrated probability is strictly increasing in the logit margin, so it ranks faces
 * exactly as the raw score does (same ROC, same AUC): where the isotonic regression is flat
 * (beyond its end blocks) a {@value #TIE_BREAK} share of the temperature-scaled probability
 * is mixed in, which also keeps it off exactly 0 and 1.
 *
 * @param temperature the temperature scaling of the margin
 * @param isotonic the isotonic regression on the temperature-scaled probability, or null
 * @param operatingPoints thresholds on the calibrated probability
 * @param fit what the calibration was fitted on, and how well it did there
 */
public record Calibration(TemperatureScaling temperature, IsotonicRegression isotonic, OperatingPoints operatingPoints,
        FitInfo fit) implements ScoreCalibration {
    /** The weights file's metadata key. */
    public static final String METADATA_KEY = "calibration";
    static final String FORMAT = "lvnet-calibration/1";
    /** Share of the temperature-scaled probability mixed into the isotonic one. */
    public static final double TIE_BREAK = 1e-3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where a calibration was fitted and what it achieved there.
     *
     * @param data the dataset, as given
     * @param split its split
     * @param faces faces used
     * @param fakes of which fake
     * @param eceBefore expected calibration error of the raw softmax on them
     * @param eceAfter and of the calibrated probability
     * @param brierBefore Brier score of the raw softmax
     * @param brierAfter and of the calibrated probability
     */
    public record FitInfo(String data, String split, int faces, int fakes, double eceBefore, double eceAfter,
            double brierBefore, double brierAfter) {
    }

    public Calibration {
        java.util.Objects.requireNonNull(temperature, "temperature");
        java.util.Objects.requireNonNull(operatingPoints, "operatingPoints");
        java.util.Objects.requireNonNull(fit, "fit");
    }

    /** "isotonic" when an isotonic regression follows the temperature, else "temperature". */
    @Override
    public String method() {
        return isotonic == null ? "temperature" : "isotonic";
    }

    /** The calibrated fake probability of a face with logit margin {@code margin} (fake minus real logit). */
    @Override
    public double probability(double margin) {
        return probability(temperature, isotonic, margin);
    }

    /** The calibrated probability of a temperature and an optional isotonic regression after it. */
    static double probability(TemperatureScaling temperature, IsotonicRegression isotonic, double margin) {
        double p = temperature.probability(margin);
        return isotonic == null ? p : (1 - TIE_BREAK) * isotonic.apply(p) + TIE_BREAK * p;
    }

    /** The calibrated probabilities of many margins. */
    public double[] probabilities(double[] margins) {
        double[] out = new double[margins.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = probability(margins[i]);
        }
        return out;
    }

    /** Each operating point's threshold, by label (fpr1, fpr5, eer). */
    @Override
    public Map<String, Double> thresholds() {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (OperatingPoint p : OperatingPoint.values()) {
            out.put(p.label(), operatingPoints.get(p).threshold());
        }
        return out;
    }

    /** The verdict rule of one operating point. */
    public VerdictRule rule(OperatingPoint chosen) {
        return VerdictRule.at(operatingPoints, chosen);
    }

    /** The JSON the weights file carries. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("input", "logit margin (fake logit - real logit)");
        root.put("method", method());
        root.put("temperature", temperature.temperature());
        if (isotonic != null) {
            ObjectNode iso = root.putObject("isotonic");
            ArrayNode x = iso.putArray("x");
            ArrayNode y = iso.putArray("y");
            for (double v : isotonic.knotsX()) {
                x.add(v);
            }
            for (double v : isotonic.knotsY()) {
                y.add(v);
            }
            root.put("tie_break", TIE_BREAK);
        }
        ObjectNode ops = root.putObject("operating_points");
        for (OperatingPoint p : OperatingPoint.values()) {
            OperatingPoints.Point pt = operatingPoints.get(p);
            ObjectNode o = ops.putObject(p.label());
            o.put("threshold", pt.threshold());
            o.put("fpr", pt.falsePositiveRate());
            o.put("tpr", pt.truePositiveRate());
        }
        ObjectNode f = root.putObject("fitted_on");
        f.put("data", fit.data());
        f.put("split", fit.split());
        f.put("faces", fit.faces());
        f.put("fakes", fit.fakes());
        f.put("ece_before", fit.eceBefore());
        f.put("ece_after", fit.eceAfter());
        f.put("brier_before", fit.brierBefore());
        f.put("brier_after", fit.brierAfter());
        return root.toString();
    }

    /**
     * Reads the JSON {@link #toJson()} writes.
     *
     * @throws IllegalArgumentException in one line, for anything else (not JSON, another
     *     format, a missing or impossible value)
     */
    public static Calibration fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("calibration is not JSON");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("calibration is not " + FORMAT);
        }
        TemperatureScaling t = new TemperatureScaling(number(root, "temperature"));
        IsotonicRegression iso = null;
        if (root.has("isotonic")) {
            iso = IsotonicRegression.ofKnots(numbers(root.path("isotonic"), "x"), numbers(root.path("isotonic"), "y"));
        }
        Map<OperatingPoint, OperatingPoints.Point> points = new EnumMap<>(OperatingPoint.class);
        for (OperatingPoint p : OperatingPoint.values()) {
            JsonNode o = root.path("operating_points").path(p.label());
            points.put(p, new OperatingPoints.Point(number(o, "threshold"), number(o, "fpr"), number(o, "tpr")));
        }
        JsonNode f = root.path("fitted_on");
        FitInfo fit = new FitInfo(f.path("data").asText(""), f.path("split").asText(""), f.path("faces").asInt(),
                f.path("fakes").asInt(), f.path("ece_before").asDouble(Double.NaN), f.path("ece_after").asDouble(Double.NaN),
                f.path("brier_before").asDouble(Double.NaN), f.path("brier_after").asDouble(Double.NaN));
        return new Calibration(t, iso, new OperatingPoints(points), fit);
    }

    /** The calibration in a weights file's metadata, or null when it has none. */
    public static Calibration fromMetadata(Map<String, String> metadata) {
        String json = metadata.get(METADATA_KEY);
        return json == null ? null : fromJson(json);
    }

    private static double number(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException("calibration: '" + key + "' is missing or not a finite number");
        }
        return v.asDouble();
    }

    private static double[] numbers(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("calibration: isotonic '" + key + "' is missing or not a list");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber()) {
                throw new IllegalArgumentException("calibration: isotonic '" + key + "' holds a non-number");
            }
            out[i] = v.get(i).asDouble();
        }
        return out;
    }
}
