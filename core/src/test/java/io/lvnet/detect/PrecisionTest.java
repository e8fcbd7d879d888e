package io.lvnet.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lvnet.platform.CpuFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrecisionTest {
    private static final CpuFeatures ZEN3 = new CpuFeatures("AMD EPYC", 2, List.of("avx2"));
    private static final CpuFeatures ZEN4 = new CpuFeatures("AMD EPYC", 2, List.of("avx2", "avx512f", "avx512_bf16"));
    private static final CpuFeatures SAPPHIRE_RAPIDS = new CpuFeatures("Intel Xeon", 2,
            List.of("avx2", "avx512f", "amx_bf16", "amx_tile"));
    private static final CpuFeatures SKYLAKE = new CpuFeatures("Intel Xeon", 2, List.of("avx2", "avx512f"));

    @Test
    void autoPicksBfloat16OnlyWhereTheCpuComputesItNatively() {
        assertEquals(Precision.BF16, Precision.AUTO.on(ZEN4));
        assertEquals(Precision.BF16, Precision.AUTO.on(SAPPHIRE_RAPIDS));
        assertEquals(Precision.FP32, Precision.AUTO.on(ZEN3));
        assertEquals(Precision.FP32, Precision.AUTO.on(SKYLAKE), "AVX-512 alone emulates bfloat16");
    }

    @Test
    void anExplicitChoiceIsKeptOnAnyCpu() {
        assertEquals(Precision.FP32, Precision.FP32.on(ZEN4));
        assertEquals(Precision.BF16, Precision.BF16.on(ZEN3));
    }

    @Test
    void parsesTheCommandLinesSpellingsAndRefusesOthers() {
        assertEquals(Precision.BF16, Precision.parse("bf16"));
        assertEquals(Precision.FP32, Precision.parse(" FP32 "));
        assertEquals(Precision.AUTO, Precision.parse("auto"));
        assertEquals("bf16", Precision.BF16.label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.parse("float16"));
        assertEquals("unknown precision 'float16' (expected auto, fp32 or bf16)", e.getMessage());
    }
}
