package io.lvnet.memory;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/** Freed native memory trapped between live blocks goes back to the system only when trimmed. */
class NativeHeapTest {
    private static final int CHUNKS = 3000;
    private static final long CHUNK = 64 * 1024; // below glibc's mmap threshold: served from the heap

    @Test
    void trimReturnsFreePagesBetweenLiveBlocks() throws Exception {
        assumeTrue(ResidentMemory.now().known() && "glibc".equals(ResidentMemory.allocator()),
                "needs Linux and glibc's allocator");
        freeAndTrim();
        // a new thread allocates from another of glibc's arenas, whose heaps are trimmed too
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            other.submit(() -> {
                freeAndTrim();
                return null;
            }).get();
        } finally {
            other.shutdown();
        }
    }

    private static void freeAndTrim() {
        Pointer[] chunks = new Pointer[CHUNKS];
        Pointer[] keepers = new Pointer[CHUNKS];
        for (int i = 0; i < CHUNKS; i++) {
            chunks[i] = Pointer.malloc(CHUNK);
            Pointer.memset(chunks[i], 1, CHUNK); // resident
            // a live block after every chunk: glibc cannot give back a whole heap or its top by itself
            keepers[i] = Pointer.malloc(64);
        }
        for (Pointer p : chunks) {
            Pointer.free(p);
        }
        double before = ResidentMemory.now().rssMb();
        assertTrue(NativeHeap.trim(), "malloc_trim returned nothing");
        double after = ResidentMemory.now().rssMb();
        for (Pointer p : keepers) {
            Pointer.free(p);
        }
        assertTrue(before - after > 0.5 * CHUNKS * CHUNK / (1 << 20),
                "resident " + before + " MB before the trim, " + after + " MB after");
    }

    @Test
    void liveBytesCountWhatIsAllocatedUntilItIsFreed() {
        assumeTrue(ResidentMemory.now().known() && "glibc".equals(ResidentMemory.allocator()),
                "needs Linux and glibc's allocator");
        long mb = 1 << 20;
        long before = NativeHeap.liveBytes();
        assertTrue(before > 0, "mallinfo2 said " + before);
        Pointer[] blocks = new Pointer[64];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = Pointer.malloc(i % 2 == 0 ? mb : CHUNK); // some mapped on their own, some from the heaps
        }
        long held = NativeHeap.liveBytes();
        for (Pointer p : blocks) {
            Pointer.free(p);
        }
        long after = NativeHeap.liveBytes();
        long allocated = 32 * mb + 32 * CHUNK;
        // other threads (the JIT, the collector) allocate too, a few MB at most in between
        assertTrue(Math.abs(held - before - allocated) < 4 * mb, "live " + before + " -> " + held + " bytes for " + allocated);
        assertTrue(Math.abs(after - before) < 4 * mb, "live " + before + " -> " + after + " bytes after freeing all");
    }
}
