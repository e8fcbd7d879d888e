package io.lvnet.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuFeaturesTest {
    private static final String XEON = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Platinum 8481C\n"
            + "flags\t\t: fpu avx avx2 avx512f avx512_bf16 amx_bf16 amx_tile amx_int8\n\n"
            + "processor\t: 1\nmodel name\t: Intel(R) Xeon(R) Platinum 8481C\nflags\t\t: fpu\n";

    @Test
    void readsTheFirstProcessorsModelAndExtensions() {
        CpuFeatures xeon = CpuFeatures.parse(XEON, 2);
        assertEquals("Intel(R) Xeon(R) Platinum 8481C", xeon.model());
        assertEquals(List.of("avx2", "avx512f", "avx512_bf16", "amx_bf16", "amx_tile"), xeon.extensions());
        assertTrue(xeon.bfloat16Native());
        assertEquals("Intel(R) Xeon(R) Platinum 8481C, 2 cores, avx2 avx512f avx512_bf16 amx_bf16 amx_tile", xeon.summary());
    }

    @Test
    void withoutBfloat16UnitsOrWithoutProcfs() {
        CpuFeatures zen3 = CpuFeatures.parse("model name : AMD EPYC 7B13\nflags : fpu avx avx2\n", 1);
        assertFalse(zen3.bfloat16Native());
        assertEquals("AMD EPYC 7B13, 1 core, avx2", zen3.summary());
        CpuFeatures none = CpuFeatures.parse("", 4);
        assertEquals("unknown, 4 cores", none.summary());
    }

    @Test
    void thisMachineWhereProcfsExists() {
        CpuFeatures here = CpuFeatures.here();
        assertEquals(Runtime.getRuntime().availableProcessors(), here.cores());
        assertEquals(Files.isReadable(Path.of("/proc/cpuinfo")), !here.model().equals("unknown"));
    }
}
