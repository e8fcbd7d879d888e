package io.lvnet.memory;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/** Freed native memory trapped below a live block goes back to the system only when trimmed. */
class NativeHeapTest {
    private static final int CHUNKS = 3000;
    private static final long CHUNK = 64 * 1024; // below glibc's mmap threshold: served from the heap

    @Test
    void trimReturnsFreePagesBelowALiveBlock() {
        assumeTrue(ResidentMemory.now().known() && "glibc".equals(ResidentMemory.allocator()),
                "needs Linux and glibc's allocator");
        Pointer[] chunks = new Pointer[CHUNKS];
        for (int i = 0; i < CHUNKS; i++) {
            chunks[i] = Pointer.malloc(CHUNK);
            Pointer.memset(chunks[i], 1, CHUNK); // resident
        }
        Pointer top = Pointer.malloc(64); // keeps glibc from shrinking the heap at its top by itself
        for (Pointer p : chunks) {
            Pointer.free(p);
        }
        double before = ResidentMemory.now().rssMb();
        assertTrue(NativeHeap.trim(), "malloc_trim returned nothing");
        double after = ResidentMemory.now().rssMb();
        Pointer.free(top);
        assertTrue(before - after > 0.5 * CHUNKS * CHUNK / (1 << 20),
                "resident " + before + " MB before the trim, " + after + " MB after");
    }
}
