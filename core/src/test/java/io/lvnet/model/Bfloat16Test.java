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
    void streamsInBfloat16StayNearFloat32() {
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
