package io.lvnet.detect;

import io.lvnet.platform.CpuFeatures;
import java.util.Locale;

/**
 * The arithmetic an {@link LvNetModel} scores faces in: float32, bfloat16 (see {@link
 * LvNetModel#withPrecision}), or {@link #AUTO}, bfloat16 where the processor multiplies it
 * natively (AVX512-BF16 or AMX) and float32 elsewhere, where bfloat16 would be emulated and slower.
 */
public enum Precision {
    /** Float32 throughout. */
    FP32,
    /** The network in bfloat16, but for the SRM filter, stage 0 and the heads. */
    BF16,
    /** {@link #BF16} where the CPU has AVX512-BF16 or AMX, else {@link #FP32}. */
    AUTO;

    /** {@code auto}, {@code fp32} or {@code bf16}, as the command line spells it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The precision named {@code auto}, {@code fp32} or {@code bf16} (any case). */
    public static Precision parse(String text) {
        for (Precision p : values()) {
            if (p.label().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + text + "' (expected auto, fp32 or bf16)");
    }

    /** What this precision means on {@code cpu}: {@link #FP32} or {@link #BF16}, never {@link #AUTO}. */
    public Precision on(CpuFeatures cpu) {
        if (this != AUTO) {
            return this;
        }
        return cpu.bfloat16Native() ? BF16 : FP32;
    }
}
