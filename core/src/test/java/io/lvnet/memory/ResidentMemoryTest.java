package io.lvnet.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResidentMemoryTest {
    @TempDir
    Path dir;

    @Test
    void readsVmRssAndVmHwm() throws Exception {
        Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nVmPeak:\t 9999999 kB\nVmHWM:\t  204800 kB\n"
                + "VmRSS:\t  102400 kB\nThreads:\t12\n");
        ResidentMemory m = ResidentMemory.read(status);
        assertEquals(new ResidentMemory(102400, 204800), m);
        assertEquals(100.0, m.rssMb(), 0);
        assertEquals(200.0, m.peakMb(), 0);
        assertTrue(Double.isNaN(m.anonMb()) && Double.isNaN(m.fileMb()), "kernels before 4.5 have no RssAnon, RssFile");
    }

    @Test
    void readsTheAnonymousAndFileBackedParts() throws Exception {
        Path status = Files.writeString(dir.resolve("status"), "VmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n"
                + "RssAnon:\t   71680 kB\nRssFile:\t   30720 kB\nRssShmem:\t       0 kB\n");
        ResidentMemory m = ResidentMemory.read(status);
        assertEquals(new ResidentMemory(102400, 204800, 71680, 30720), m);
        assertEquals(70.0, m.anonMb(), 0);
        assertEquals(30.0, m.fileMb(), 0);
    }

    @Test
    void withoutProcBothAreUnknown() {
        ResidentMemory none = ResidentMemory.read(dir.resolve("no-proc-here"));
        assertTrue(!none.known() && Double.isNaN(none.rssMb()) && Double.isNaN(none.peakMb()), none.toString());
    }

    @Test
    void thisProcessHasSomeWhereProcExists() {
        ResidentMemory now = ResidentMemory.now();
        assertEquals(Files.isReadable(Path.of("/proc/self/status")), now.known());
        if (now.known()) {
            assertTrue(now.rssMb() > 10 && now.peakMb() >= now.rssMb(), now.toString());
            // RssShmem is the rest, and the three are read a moment apart
            assertEquals(now.rssMb(), now.anonMb() + now.fileMb(), 16, now.toString());
        }
    }

    @Test
    void hugePagesSayWhichOfTheTwoSettingsAreOn() {
        LibtorchHugePages.forget(); // a training test in this JVM may have chosen for libtorch
        assertEquals("none", ResidentMemory.hugePages(Map.of()));
        assertEquals("libtorch+glibc", ResidentMemory.hugePages(Map.of("THP_MEM_ALLOC_ENABLE", "1",
                "GLIBC_TUNABLES", "glibc.malloc.hugetlb=1:glibc.malloc.arena_max=2")));
        assertEquals("glibc", ResidentMemory.hugePages(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1")));
        assertEquals("none", ResidentMemory.hugePages(Map.of("THP_MEM_ALLOC_ENABLE", "0",
                "GLIBC_TUNABLES", "glibc.malloc.hugetlb=0")));
    }
}
