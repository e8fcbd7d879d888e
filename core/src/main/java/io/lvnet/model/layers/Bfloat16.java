package io.lvnet.model.layers;



import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Conversion of arrays to bfloat16. DJL 0.36's PyTorch engine has no bfloat16 type: its JNI
 * maps DJL's types onto libtorch's for float16/32/64, the integers and bool only, and aborts
 * the process on any other, so {@code toType(BFLOAT16)} cannot be asked for. libtorch itself
 * computes in bfloat16 (oneDNN's convolutions use AVX512-BF16 or AMX where the CPU has them),
 * so the conversion runs in a bundled TorchScript module, {@code x.to(torch.bfloat16)}
 * (written by {@code scripts/make-bfloat16-cast.py}). DJL reports such arrays as {@link
 * DataType#UNKNOWN}; DJL operations that pass their operand's type to libtorch (softmax, a
 * scalar converted to the operand's type) must not meet them: {@link TensorOps} composes
 * softmax and makes float32 scalars for them, which leave a bfloat16 result.
 */
public final class Bfloat16 implements AutoCloseable {
    private static final String MODULE = "to_bfloat16.pt";

    private final PtSymbolBlock toBfloat16;

    private Bfloat16(PtSymbolBlock toBfloat16) {
        this.toBfloat16 = toBfloat16;
    }

    /**
     * One conversion module for the whole process (training steps use it), loaded on first use
     * into a manager of its own that lives as long as the process.
     */
    public static Bfloat16 shared() {
        return Shared.INSTANCE;
    }

    private static final class Shared {
        static final Bfloat16 INSTANCE = load(NDManager.newBaseManager());
    }

    /** Loads the conversion module into {@code manager}, which owns it. */
    public static Bfloat16 load(NDManager manager) {
        try (InputStream in = Bfloat16.class.getResourceAsStream(MODULE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + MODULE);
            }
            return new Bfloat16(JniUtils.loadModule((PtNDManager) manager, in, true, false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code x} in bfloat16, in {@code x}'s manager and memory format. */
    public NDArray from(NDArray x) {
        return IValueUtils.forward(toBfloat16, new NDList(x), false).singletonOrThrow();
    }

    /**
     * {@code x} in bfloat16 for a training step: an ordinary tensor, where {@link #from} gives an
     * inference tensor, which autograd may neither save for backward nor make a leaf that
     * requires a gradient. Where autograd is on (in a gradient collector) it records the
     * conversion, so a gradient reaches {@code x} in float32.
     */
    public NDArray forTraining(NDArray x) {
        return IValueUtils.forward(toBfloat16, new NDList(x), true).singletonOrThrow();
    }

    /** Whether {@code x} is a bfloat16 array made by {@link #from} (DJL cannot name its type). */
    public static boolean isBfloat16(NDArray x) {
        return x.getDataType() == DataType.UNKNOWN;
    }

    /**
     * {@code x} in float32, the conversion recorded by autograd: DJL's {@code toType} runs
     * without it (its JNI holds a {@code NoGradGuard}), so this adds a float32 zero of shape (1),
     * which type promotion makes a float32 sum.
     */
    public static NDArray toFloat32Recorded(NDArray x) {
        try (NDArray zero = x.getManager().zeros(new Shape(1), DataType.FLOAT32, x.getDevice())) {
            return x.add(zero);
        }
    }

    /** {@code x} back in float32 (not recorded by autograd). */
    public static NDArray toFloat32(NDArray x) {
        return x.toType(DataType.FLOAT32, false);
    }

    @Override
    public void close() {
        toBfloat16.close();
    }
}
