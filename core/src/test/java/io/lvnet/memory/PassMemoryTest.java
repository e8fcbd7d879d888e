package io.lvnet.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;

class PassMemoryTest {
    @Test
    void growthIsFromTheGivenPassToTheLargestAfterIt() {
        long[] mb = {900, 1000, 1050, 1100, 1020};
        assertEquals(0.10, PassMemory.growthFrom(mb, 2), 1e-12);
        assertEquals(0.0, PassMemory.growthFrom(mb, 5), 0);
        assertTrue(Double.isNaN(PassMemory.growthFrom(mb, 6)), "not that many passes");
        assertTrue(Double.isNaN(PassMemory.growthFrom(new long[] {-1, 5}, 1)), "unknown at the start");
    }

    /** Each pass's peak is its own: a big first pass does not hide a small second one. */
    @Test
    void eachPassHasItsOwnPeakWhereTheKernelCanRestartIt() {
        PassMemory memory = new PassMemory(2);
        memory.begin();
        try (BytePointer big = new BytePointer(256L << 20)) {
            big.fill(1); // touched, so resident
        }
        memory.end();
        memory.begin();
        memory.end();
        long[] peaks = memory.peaks();
        long[] after = memory.after();
        if (!ResidentMemory.now().known()) {
            assertEquals(-1, after[0]);
            return;
        }
        assertTrue(peaks[0] >= after[0] + 200, "the first pass held 256 MB more than it left: " + peaks[0] + " vs " + after[0]);
        assertTrue(peaks[1] < peaks[0] - 200, "the second pass's peak is its own: " + peaks[1] + " vs " + peaks[0]);
        assertTrue(memory.overallPeakMb() >= peaks[0]);
    }
}
