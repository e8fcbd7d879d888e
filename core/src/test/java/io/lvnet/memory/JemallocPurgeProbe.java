package io.lvnet.memory;

import org.bytedeco.javacpp.Pointer;

/**
 * Run in a JVM with jemalloc preloaded ({@link JemallocTest}): frees 192 MiB of touched native
 * memory, then trims; exits 0 only when jemalloc was found and the trim handed at least half of
 * it back at once, printing both readings.
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
        Pointer[] chunks = new Pointer[CHUNKS];
        for (int i = 0; i < CHUNKS; i++) {
            chunks[i] = Pointer.malloc(CHUNK);
            Pointer.memset(chunks[i], 1, CHUNK);
        }
        for (Pointer p : chunks) {
            Pointer.free(p);
        }
        double before = ResidentMemory.now().rssMb();
        boolean trimmed = NativeHeap.trim();
        double after = ResidentMemory.now().rssMb();
        System.out.println("trimmed " + trimmed + ", resident " + before + " MB before, " + after + " MB after");
        System.exit(trimmed && before - after > 0.5 * CHUNKS * CHUNK / (1 << 20) ? 0 : 1);
    }
}
