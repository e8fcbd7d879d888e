package io.lvnet.model;

import io.lvnet.model.layers.Bfloat16;

import io.lvnet.detect.Predictions;

import io.lvnet.detect.LvNetModel;
import io.lvnet.detect.Precision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.lvnet.testing.Tolerance;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bfloat16 mode: a real bfloat16 conversion, and outputs near float32's. */
class Bfloat16Test {

    /** Round to nearest even on the upper 16 bits: what a float32 -> bfloat16 conversion does. */
    private static float roundedToBfloat16(float v) {
        int bits = Float.floatToRawIntBits(v);
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(rounded & 0xFFFF0000);
    }

    @Test
    void conversionRoundsToBfloat16AndBack() {
        float[] values = {1f + 1f / 1024, (float) Math.PI, -2.5e-3f, 65504f, 1e-20f};
        try (NDManager m = NDManager.newBaseManager(); Bfloat16 bf16 = Bfloat16.load(m)) {
            NDArray x = m.create(values);
            NDArray b = bf16.from(x);
            assertTrue(Bfloat16.isBfloat16(b));
            assertFalse(Bfloat16.isBfloat16(x));
            float[] back = Bfloat16.toFloat32(b).toFloatArray();
            float[] expected = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                expected[i] = roundedToBfloat16(values[i]);
            }
            assertArrayEquals(expected, back, 0f);
        }
    }

    @Test
    void bfloat16PassesStayNearFloat32() {
        LvNetConfig config = LvNetConfig.compact();
        int s = config.inputSize();
        float[] x = new float[2 * 3 * s * s];
        Random r = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        try (LvNetModel model = LvNetModel.create(config)) {
            Predictions fp32 = model.predict(x, 2);
            assertFalse(model.usesBfloat16());
            assertEquals(Precision.FP32, model.withPrecision(Precision.FP32).precision());
            Predictions bf16 = model.withPrecision(Precision.BF16).predict(x, 2);
            assertTrue(model.usesBfloat16());
            assertEquals(Precision.BF16, model.withPrecision(Precision.FP32).precision(), "a model in bfloat16 stays there");
            float[] a = flatten(fp32.patchMap());
            float[] b = flatten(bf16.patchMap());
            // bfloat16 keeps 8 bits of mantissa: close, but not the same numbers
            Tolerance.relativeL2("patch maps", a, b, 2e-2);
            Tolerance.relativeL2("logits", fp32.logits()[0], bf16.logits()[0], 5e-2);
            assertFalse(java.util.Arrays.equals(a, b), "bfloat16 mode computed in float32");
            // the converted weights are kept: a second pass gives the same outputs
            assertArrayEquals(b, flatten(model.predict(x, 2).patchMap()), 0f);
        }
    }

    /**
     * The SRM filter and stage 0 stay in float32 in a bfloat16 pass (LvNet.FIRST_BFLOAT16_STAGE):
     * the filter's tap equals float32's, stage 0's is float32's rounded to bfloat16; stage 1 on
     * computes in bfloat16, near but not equal.
     */
    @Test
    void srmFilterAndStageZeroStayInFloat32() {
        LvNetConfig config = LvNetConfig.compact();
        int s = config.inputSize();
        try (NDManager m = NDManager.newBaseManager(); Bfloat16 bf = Bfloat16.load(m)) {
            LvNet net = LvNet.create(config, m);
            NDArray x = m.randomUniform(-1, 1, new ai.djl.ndarray.types.Shape(1, 3, s, s));
            java.util.Map<String, float[]> fp32 = new java.util.HashMap<>();
            java.util.Map<String, float[]> bf16 = new java.util.HashMap<>();
            net.forward(new io.lvnet.model.layers.InferenceParameters(m), x, false, (n, a) -> fp32.put(n, a.toFloatArray()));
            net.forward(new io.lvnet.model.layers.InferenceParameters(m, bf, new io.lvnet.model.layers.ConvertedWeights()),
                    x, false, (n, a) -> bf16.put(n, a.toFloatArray()));
            assertArrayEquals(fp32.get("srm"), bf16.get("srm"), 0f);
            // stage 0 computed in float32, then handed on in bfloat16: float32's maps, rounded
            for (String tap : new String[] {"stage0_srm", "stage0_rgb"}) {
                float[] rounded = fp32.get(tap).clone();
                for (int i = 0; i < rounded.length; i++) {
                    rounded[i] = roundedToBfloat16(rounded[i]);
                }
                assertArrayEquals(rounded, bf16.get(tap), 0f, tap);
            }
            assertFalse(java.util.Arrays.equals(fp32.get("stage1_srm"), bf16.get("stage1_srm")), "stage 1 computed in float32");
            Tolerance.relativeL2("stage 1", fp32.get("stage1_srm"), bf16.get("stage1_srm"), 2e-2);
        }
    }

    private static float[] flatten(float[][][] maps) {
        int g = maps[0].length;
        float[] out = new float[maps.length * g * g];
        int k = 0;
        for (float[][] map : maps) {
            for (float[] row : map) {
                System.arraycopy(row, 0, out, k, g);
                k += g;
            }
        }
        return out;
    }
}
