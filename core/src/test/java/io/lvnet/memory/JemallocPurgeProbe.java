package io.lvnet.memory;

import org.bytedeco.javacpp.Pointer;

/**
 * Run in a JVM with jemalloc preloaded ({@link JemallocTest}): frees 192 MiB of touched native
 * memory, then trims; exits 0 only when jemalloc was found, its statistics counted the 192 MiB
 * as live until they were freed ({@link NativeHeap#liveBytes}) and the trim handed at least half
 * of it back at once, printing the readings.
 */
public final class JemallocPurgeProbe {
    private static final int CHUNKS = 3072;
    private static final long CHUNK = 64 * 1024;

    private JemallocPurgeProbe() {
    }

    public static void main(String[] args) {
        if (!NativeHeap.jemalloc()) {
            System.out.println("jemalloc not seen in the process");
            System.exit(2);
        }
        long live0 = NativeHeap.liveBytes();
        Pointer[] chunks = new Pointer[CHUNKS];
        for (int i = 0; i < CHUNKS; i++) {
            chunks[i] = Pointer.malloc(CHUNK);
            Pointer.memset(chunks[i], 1, CHUNK);
        }
        long live1 = NativeHeap.liveBytes();
        for (Pointer p : chunks) {
            Pointer.free(p);
        }
        long live2 = NativeHeap.liveBytes();
        long allocated = CHUNKS * CHUNK;
        long slack = 8L << 20; // what other threads allocate meanwhile, and jemalloc's rounding
        System.out.println("live " + live0 + ", " + live1 + " after allocating " + allocated + ", " + live2 + " after freeing");
        if (live0 < 0 || Math.abs(live1 - live0 - allocated) > slack || Math.abs(live2 - live0) > slack) {
            System.exit(3);
        }
        double before = ResidentMemory.now().rssMb();
        boolean trimmed = NativeHeap.trim();
        double after = ResidentMemory.now().rssMb();
        System.out.println("trimmed " + trimmed + ", resident " + before + " MB before, " + after + " MB after");
        System.exit(trimmed && before - after > 0.5 * CHUNKS * CHUNK / (1 << 20) ? 0 : 1);
    }
}
