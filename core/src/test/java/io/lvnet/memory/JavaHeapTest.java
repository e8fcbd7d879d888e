package io.lvnet.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Training keeps G1's committed heap near what is live: the free ratios are lowered, and stay so. */
class JavaHeapTest {
    @Test
    void lowersTheFreeRatiosTheCommandLineLeftAlone() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assertTrue(JavaHeap.keepCommittedNearLive(), "the test JVM sets neither ratio on its command line");
        assertEquals(Integer.toString(JavaHeap.MAX_FREE_PERCENT), vm.getVMOption("MaxHeapFreeRatio").getValue());
        assertEquals(Integer.toString(JavaHeap.MIN_FREE_PERCENT), vm.getVMOption("MinHeapFreeRatio").getValue());
        assertTrue(JavaHeap.keepCommittedNearLive(), "a second trainer in the same JVM finds the ratios already set");
    }

    @Test
    void aValueSetAtRunTimeBySomeoneElseStands() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        JavaHeap.keepCommittedNearLive();
        vm.setVMOption("MaxHeapFreeRatio", "50");
        try {
            assertTrue(!JavaHeap.keepCommittedNearLive());
            assertEquals("50", vm.getVMOption("MaxHeapFreeRatio").getValue());
        } finally {
            vm.setVMOption("MaxHeapFreeRatio", Integer.toString(JavaHeap.MAX_FREE_PERCENT));
        }
    }
}
