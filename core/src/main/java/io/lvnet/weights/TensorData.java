package io.lvnet.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor held in host memory, independent of any engine: element type, shape and the
 * contiguous row-major little-endian bytes. Checkpoint readers produce it, weight writers
 * consume it, and the model converts it to and from engine arrays.
 */
public final class TensorData {
    private final TensorType type;
    private final long[] shape;
    private final ByteBuffer data;

    /**
     * @param type element type
     * @param shape dimensions (empty for a scalar)
     * @param data exactly {@code numel * type.bytes()} bytes, row-major, little-endian
     */
    public TensorData(TensorType type, long[] shape, ByteBuffer data) {
        this.type = type;
        this.shape = shape.clone();
        long expected = numel(shape) * type.bytes();
        if (data.remaining() != expected) {
            throw new IllegalArgumentException(
                    "tensor of " + type + Arrays.toString(shape) + " needs " + expected
                            + " bytes, got " + data.remaining());
        }
        this.data = data.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A float32 tensor from values. */
    public static TensorData ofFloats(long[] shape, float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return new TensorData(TensorType.FLOAT32, shape, buf);
    }

    /** An int64 tensor from values. */
    public static TensorData ofLongs(long[] shape, long[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        return new TensorData(TensorType.INT64, shape, buf);
    }

    /** Number of elements of a shape (1 for a scalar). */
    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public TensorType type() {
        return type;
    }

    /** A copy of the dimensions. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long numel() {
        return numel(shape);
    }

    /** A read-only little-endian view of the bytes, positioned at 0. */
    public ByteBuffer data() {
        return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The values widened or narrowed to float32 (float16, bfloat16 and float64 converted). */
    public float[] toFloats() {
        int n = Math.toIntExact(numel());
        float[] out = new float[n];
        ByteBuffer b = data();
        switch (type) {
            case FLOAT32 -> b.asFloatBuffer().get(out);
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(i * 8);
                }
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = halfToFloat(b.getShort(i * 2));
                }
            }
            case BFLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getLong(i * 8);
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getInt(i * 4);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[i] = type == TensorType.UINT8 || type == TensorType.BOOL
                            ? (b.get(i) & 0xff) : b.get(i);
                }
            }
        }
        return out;
    }

    /** This tensor as float32 (itself when it already is). */
    public TensorData asFloat32() {
        return type == TensorType.FLOAT32 ? this : ofFloats(shape, toFloats());
    }

    /** Whether type, shape and every byte are equal. */
    public boolean bitEquals(TensorData other) {
        return type == other.type && Arrays.equals(shape, other.shape) && data().equals(other.data());
    }

    /** IEEE 754 binary16 bits to float, exact (subnormals, infinities and NaN included). */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            // subnormal half: value is mant * 2^-24, exactly representable as float
            float v = mant * 0x1.0p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    @Override
    public String toString() {
        return type + Arrays.toString(shape);
    }
}
