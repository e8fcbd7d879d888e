package io.lvnet.memory;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jemalloc, where the launcher preloaded it ({@code LVNET_MALLOC=jemalloc}): its arenas keep
 * what libtorch frees until their decay time has passed, and {@code malloc_trim} does not reach
 * them. {@link #purge} hands those pages back at once, through {@code mallctl}, the only way
 * jemalloc offers; without it, what one reading of resident memory caught of the last ten seconds'
 * frees was chance (an epoch's end swung by 18 % over a flat run).
 */
final class Jemalloc {
    private static final Logger LOG = LoggerFactory.getLogger(Jemalloc.class);
    /** {@code MALLCTL_ARENAS_ALL}: the pseudo-index that addresses every arena at once. */
    private static final String PURGE_ALL_ARENAS = "arena.4096.purge";
    private static final Function MALLCTL = find();

    private Jemalloc() {
    }

    /** Whether jemalloc serves this process's allocations. */
    static boolean loaded() {
        return MALLCTL != null;
    }

    /**
     * Returns every arena's free pages to the system.
     *
     * @return whether jemalloc is loaded and accepted the call
     */
    static boolean purge() {
        if (MALLCTL == null) {
            return false;
        }
        // int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen)
        int status = MALLCTL.invokeInt(new Object[] {PURGE_ALL_ARENAS, null, null, null, 0L});
        if (status != 0) {
            LOG.debug("jemalloc refused {}: error {}", PURGE_ALL_ARENAS, status);
        }
        return status == 0;
    }

    /**
     * The bytes the program has allocated and not freed, by jemalloc's statistics
     * ({@code stats.allocated}, refreshed by writing {@code epoch}): what of its arenas is live.
     *
     * @return the bytes, or -1 where jemalloc is not loaded or keeps no statistics
     */
    static long allocated() {
        if (MALLCTL == null) {
            return -1;
        }
        try (com.sun.jna.Memory one = new com.sun.jna.Memory(8); com.sun.jna.Memory value = new com.sun.jna.Memory(8);
                com.sun.jna.Memory length = new com.sun.jna.Memory(8)) {
            one.setLong(0, 1);
            // statistics are a snapshot taken when "epoch" is written
            if (MALLCTL.invokeInt(new Object[] {"epoch", null, null, one, 8L}) != 0) {
                return -1;
            }
            length.setLong(0, 8);
            int status = MALLCTL.invokeInt(new Object[] {"stats.allocated", value, length, null, 0L});
            return status == 0 ? value.getLong(0) : -1;
        }
    }

    /** {@code mallctl} among the process's symbols, or null: glibc only, or no JNA for this platform. */
    private static Function find() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                || !ResidentMemory.allocator().equals("jemalloc")) {
            return null; // JNA's native part is not even loaded unless jemalloc is there to call
        }
        try {
            return NativeLibrary.getProcess().getFunction("mallctl");
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("jemalloc's mallctl is not reachable: {}", e.toString());
            return null;
        }
    }
}
