package io.lvnet.memory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands freed native memory back to the operating system.
 *
 * <p>glibc's allocator keeps the memory libtorch frees inside its heaps, for reuse: pages in the
 * middle of a heap stay resident until {@code malloc_trim} returns them. In training, the
 * validation pass and the first epochs leave such free pages behind, and a 10-epoch compact run
 * crept from 1.27 to 1.49 GB resident without a trim. Under jemalloc, {@code malloc_trim} reaches
 * glibc's unused heaps only; jemalloc's arenas are purged instead ({@link Jemalloc}).
 */
public final class NativeHeap {
    private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);
    private static volatile boolean available = true;

    private NativeHeap() {
    }

    /**
     * Returns free pages of the native heaps to the system: {@code malloc_trim(0)} on Linux, and
     * a purge of every jemalloc arena where jemalloc is loaded.
     *
     * @return whether any memory was returned (under jemalloc: whether the purge ran); false
     *     where neither call is available
     */
    public static boolean trim() {
        boolean purged = Jemalloc.purge();
        return trimGlibc() || purged;
    }

    /**
     * The bytes the native heaps hold for live allocations (libtorch's tensors, the JVM's own,
     * OpenCV's...): jemalloc's {@code stats.allocated}, or glibc's {@code mallinfo2} (in use in
     * every arena, and the blocks mapped on their own). Between epochs it tells a leak, which
     * raises it, from memory the allocator holds free but resident, which does not.
     *
     * @return the bytes, or -1 where neither allocator answers (not Linux, glibc before 2.33)
     */
    public static long liveBytes() {
        if (Jemalloc.loaded()) {
            return Jemalloc.allocated();
        }
        return GlibcMallinfo.liveBytes();
    }

    /** Whether jemalloc, not glibc, serves this process's allocations. */
    public static boolean jemalloc() {
        return Jemalloc.loaded();
    }

    private static boolean trimGlibc() {
        if (!available) {
            return false;
        }
        try {
            return org.bytedeco.javacpp.Pointer.trimMemory();
        } catch (LinkageError | RuntimeException e) {
            // JavaCPP's native part missing or refused on this platform: trimming is an optimisation
            available = false;
            LOG.debug("malloc_trim is not available: {}", e.toString());
            return false;
        }
    }
}
