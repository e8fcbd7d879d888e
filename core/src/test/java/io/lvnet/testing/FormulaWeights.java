package io.lvnet.testing;

import io.lvnet.weights.TensorData;
import io.lvnet.weights.TensorType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The goldens' formula weights: every state-dict entry filled by a closed formula of its name
 * and element index (see goldens/README.md), so whole-network cases need no weight files.
 */
public final class FormulaWeights {
    private FormulaWeights() {
    }

    /** Every entry of a key listing except counters and the fixed SRM kernel. */
    public static Map<String, TensorData> forKeys(List<Goldens.KeyEntry> keys) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Goldens.KeyEntry k : keys) {
            if (k.type() == TensorType.INT64 || k.name().equals("srm_conv0.kernel")) {
                continue;
            }
            out.put(k.name(), TensorData.ofFloats(k.shape(), values(k.name(), k.shape())));
        }
        return out;
    }

    /** The formula's values for one entry. */
    public static float[] values(String key, long[] shape) {
        int n = Math.toIntExact(TensorData.numel(shape));
        int byteSum = 0;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            byteSum += b & 0xff;
        }
        double phase = byteSum % 997;
        float[] v = new float[n];
        double scale = shape.length >= 2 ? Math.sqrt(4.0 / ((double) n / shape[0])) : 0;
        for (int i = 0; i < n; i++) {
            double u = Math.sin(0.37 * i + phase);
            double value;
            if (shape.length >= 2) {
                value = u * scale;
            } else if (key.endsWith("running_var")) {
                value = 1.0 + 0.25 * (u + 1.0);
            } else if (key.endsWith("running_mean")) {
                value = 0.1 * u;
            } else if (key.endsWith("gamma")) {
                value = 0.5 * u;
            } else if (key.endsWith("bias")) {
                value = 0.05 * u;
            } else {
                value = 1.0 + 0.1 * u;
            }
            v[i] = (float) value;
        }
        return v;
    }
}
