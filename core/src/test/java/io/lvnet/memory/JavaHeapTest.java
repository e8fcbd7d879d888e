package io.lvnet.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
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
    void aCollectionReturnsOnceTheUnreachableDirectBuffersAreFreed() {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> "direct".equals(b.getName())).findFirst().orElseThrow();
        long before = direct.getMemoryUsed();
        for (int i = 0; i < 1000; i++) {
            ByteBuffer.allocateDirect(100_000).put(0, (byte) 1); // unreachable at once, as DJL's copies are
        }
        long allocated = direct.getMemoryUsed() - before;
        JavaHeap.collect();
        long left = direct.getMemoryUsed() - before;
        // System.gc() alone returns with all of them still allocated: their cleaners run afterwards
        assertTrue(left < allocated / 10, left + " of " + allocated + " bytes of direct buffers still allocated");
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
