package io.lvnet.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reference checkpoints in the shared goldens, against the reference's own arrays. */
class PyTorchCheckpointGoldenTest {
    static final Path GOLDENS = Path.of("..", "shared", "goldens");

    private static Map<String, TensorData> expected() throws IOException {
        Map<String, TensorData> npz = NpzReader.read(GOLDENS.resolve("small_expected.npz"));
        assertEquals(49, npz.size());
        return npz;
    }

    @Test
    void zipCheckpointMatchesReferenceBitForBit() throws IOException {
        PyTorchCheckpoint ckpt = PyTorchCheckpoint.read(GOLDENS.resolve("small_checkpoint.pth.tar"));
        assertEquals(OptionalInt.of(4), ckpt.epoch());
        assertEquals(Set.of("optimizer"), ckpt.otherKeys());
        assertBitIdentical(expected(), ckpt.stateDict());
    }

    @Test
    void legacyStateDictMatchesReferenceBitForBit() throws IOException {
        PyTorchCheckpoint ckpt = PyTorchCheckpoint.read(GOLDENS.resolve("small_state_dict_legacy.pth"));
        assertEquals(OptionalInt.empty(), ckpt.epoch());
        assertEquals(Set.of(), ckpt.otherKeys());
        assertBitIdentical(expected(), ckpt.stateDict());
    }

    @Test
    void halfPrecisionStateDictMatchesReferenceRoundedToHalf() throws IOException {
        // the file holds the floating-point entries only, each converted with .half()
        Map<String, TensorData> expected = new LinkedHashMap<>(expected());
        expected.values().removeIf(t -> t.type() != TensorType.FLOAT32);
        PyTorchCheckpoint ckpt = PyTorchCheckpoint.read(GOLDENS.resolve("small_state_dict_fp16.pth"));
        Map<String, TensorData> actual = ckpt.stateDict();
        assertEquals(names(expected), new ArrayList<>(actual.keySet()));
        for (Map.Entry<String, TensorData> e : expected.entrySet()) {
            String name = e.getKey().replace('/', '.');
            assertEquals(TensorType.FLOAT16, actual.get(name).type(), name);
            assertSame(name, toHalf(e.getValue()), actual.get(name));
        }
        assertEquals(42, expected.size());
    }

    @Test
    void halfRoundingIsToNearestEven() {
        assertEquals(0x3c00, halfBits(1.0f));
        assertEquals(0x3c00, halfBits(1.0f + 0x1p-11f)); // tie, rounds to even
        assertEquals(0x3c02, halfBits(1.0f + 0x3p-11f)); // tie, rounds to even (up)
        assertEquals(0x3c01, halfBits(1.0f + 0x1p-11f + 0x1p-20f));
        assertEquals(0x7bff, halfBits(65504f));
        assertEquals(0x7c00, halfBits(65520f)); // rounds up to infinity
        assertEquals(0x0001, halfBits(0x1p-24f));
        assertEquals(0x0000, halfBits(0x1p-25f)); // tie with zero, rounds to even
        assertEquals(0x0001, halfBits(0x1.8p-25f));
        assertEquals(0x8400, halfBits(-0x1p-14f));
        for (int h = 0; h < 0x7c00; h++) { // every finite half survives a round trip
            assertEquals(h, halfBits(TensorData.halfToFloat((short) h)));
        }
    }

    private static void assertBitIdentical(Map<String, TensorData> expected, Map<String, TensorData> actual) {
        assertEquals(names(expected), new ArrayList<>(actual.keySet()));
        for (Map.Entry<String, TensorData> e : expected.entrySet()) {
            String name = e.getKey().replace('/', '.');
            assertSame(name, e.getValue(), actual.get(name));
        }
    }

    /** Same type, shape (a 0-d tensor may be stored as one element) and bytes. */
    private static void assertSame(String name, TensorData want, TensorData got) {
        assertEquals(want.type(), got.type(), name);
        long[] shape = got.shape().length == 0 ? new long[] {1} : got.shape();
        assertTrue(Arrays.equals(want.shape(), got.shape()) || Arrays.equals(want.shape(), shape),
                name + ": shape " + Arrays.toString(got.shape()) + " vs " + Arrays.toString(want.shape()));
        assertEquals(want.data(), got.data(), name + ": bytes differ");
    }

    private static List<String> names(Map<String, TensorData> expected) {
        return expected.keySet().stream().map(k -> k.replace('/', '.')).toList();
    }

    private static TensorData toHalf(TensorData t) {
        float[] v = t.toFloats();
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putShort((short) halfBits(f));
        }
        return new TensorData(TensorType.FLOAT16, t.shape(), b.flip());
    }

    /** float32 to IEEE binary16 bits, rounding to nearest even (what torch's .half() does). */
    static int halfBits(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0);
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return sign | 0x7c00;
        }
        if (e <= 0) {
            if (e < -10) {
                return sign;
            }
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rem = m & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rem > halfway || (rem == halfway && (half & 1) == 1)) {
                half++;
            }
            return sign | half;
        }
        int half = (e << 10) | (mant >>> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) == 1)) {
            half++; // a carry into the exponent is right, up to infinity
        }
        return sign | half;
    }
}
