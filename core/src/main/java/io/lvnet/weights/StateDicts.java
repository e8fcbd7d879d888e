package io.lvnet.weights;

import io.lvnet.model.ReferenceNames;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.lvnet.model.layers.NamedBlock;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves weights between a network and a state dict keyed by reference names: export for
 * saving, and loading with a report of missing, unexpected and wrongly shaped entries.
 */
public final class StateDicts {
    private static final int NAMES_SHOWN = 5;

    private StateDicts() {
    }

    /** Every parameter and buffer of {@code net} as host tensors, keyed by reference name, in order. */
    public static Map<String, TensorData> export(NamedBlock net) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        ReferenceNames.byReferenceName(net.namedParameters())
                .forEach((name, p) -> out.put(name, toTensorData(p.getArray())));
        return out;
    }

    /** An engine array as a host tensor (float32 or int64). */
    public static TensorData toTensorData(NDArray a) {
        TensorType type = switch (a.getDataType()) {
            case FLOAT32 -> TensorType.FLOAT32;
            case INT64 -> TensorType.INT64;
            case FLOAT16 -> TensorType.FLOAT16;
            case FLOAT64 -> TensorType.FLOAT64;
            case INT32 -> TensorType.INT32;
            default -> throw new IllegalArgumentException("unsupported array type " + a.getDataType());
        };
        return new TensorData(type, a.getShape().getShape(), a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /** What a load did: entries it could not match, by kind, and how many it set. */
    public record LoadReport(int loaded, List<String> missing, List<String> unexpected, List<String> wrongShape) {
        /** Whether every parameter was set and every entry used. */
        public boolean complete() {
            return missing.isEmpty() && unexpected.isEmpty() && wrongShape.isEmpty();
        }

        /** A one-line summary naming the first few entries of each kind. */
        public String summary() {
            StringBuilder sb = new StringBuilder("loaded " + loaded + " entries");
            append(sb, "missing", missing);
            append(sb, "unexpected", unexpected);
            append(sb, "wrong shape", wrongShape);
            return sb.toString();
        }

        private static void append(StringBuilder sb, String what, List<String> names) {
            if (!names.isEmpty()) {
                sb.append("; ").append(names.size()).append(' ').append(what).append(": ")
                        .append(String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size()))));
                if (names.size() > NAMES_SHOWN) {
                    sb.append(", ...");
                }
            }
        }
    }

    /**
     * Loads {@code stateDict} (reference names) into {@code net}. Floating tensors of any
     * precision are converted to the parameter's type. Strict loading refuses any mismatch and
     * changes nothing; a partial load sets what matches and reports the rest.
     *
     * @throws WeightsFormatException when strict and anything is missing, unexpected or misshapen
     */
    public static LoadReport load(NamedBlock net, Map<String, TensorData> stateDict, boolean strict)
            throws WeightsFormatException {
        Map<String, Parameter> params = ReferenceNames.byReferenceName(net.namedParameters());
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> wrongShape = new ArrayList<>();
        Map<Parameter, TensorData> matched = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            TensorData t = stateDict.get(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(t.shape(), e.getValue().getArray().getShape().getShape())) {
                wrongShape.add(e.getKey() + " " + Arrays.toString(t.shape()) + " vs "
                        + e.getValue().getArray().getShape());
            } else {
                matched.put(e.getValue(), t);
            }
        }
        for (String key : stateDict.keySet()) {
            if (!params.containsKey(key)) {
                unexpected.add(key);
            }
        }
        LoadReport report = new LoadReport(matched.size(), missing, unexpected, wrongShape);
        if (strict && !report.complete()) {
            throw new WeightsFormatException("state dict does not fit this model: " + report.summary());
        }
        matched.forEach(StateDicts::assign);
        return report;
    }

    /** Replaces a parameter's values, keeping its type, device and gradient attachment. */
    private static void assign(Parameter p, TensorData t) {
        NDArray target = p.getArray();
        NDManager m = target.getManager();
        DataType type = target.getDataType();
        try (NDManager scratch = m.newSubManager()) {
            NDArray wrapped = type == DataType.INT64
                    ? scratch.create(t.data(), new Shape(t.shape()), DataType.INT64)
                    : scratch.create(t.asFloat32().data(), new Shape(t.shape()), DataType.FLOAT32).toType(type, false);
            // DJL wraps host buffers without copying and keeps them alive only through the
            // wrapping array (and safetensors bytes are a read-only mapped file that an optimizer
            // step would write into): the parameter must own its memory, a clone
            NDArray owned = wrapped.toDevice(target.getDevice(), false).duplicate();
            owned.attach(m);
            target.intern(owned);
        }
        if (p.requiresGradient()) {
            target.setRequiresGradient(true);
        }
    }
}
