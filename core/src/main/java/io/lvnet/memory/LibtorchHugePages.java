package io.lvnet.memory;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether libtorch aligns its CPU allocations of 2 MB and more to 2 MB and asks for transparent
 * huge pages for them (c10's {@code THP_MEM_ALLOC_ENABLE}), chosen for training by the size of
 * the model's activations. libtorch reads the variable once, at its first allocation, so the
 * choice must be made before the engine loads.
 *
 * <p>Why it depends on the size. Full-size training holds activations of tens of megabytes, and
 * with huge pages its peak fell from 9.0 to 6.4 GB at the same speed (2-core AMD EPYC, Zen 5).
 * The compact model's activations are a few megabytes: aligning each to 2 MB inside glibc's
 * arenas leaves free slivers between them that the allocator cannot reuse. A compact single-stream
 * (SRM-only) run with self-blends grew by 30 to 40 MB of resident memory an epoch with it (382 to
 * 588 MB in 6 epochs, glibc's live bytes flat), and stayed within 6 % of its end-of-epoch-1 value
 * without it, 10 to 20 % faster (same machine).
 *
 * <p>A value in the environment (the user's) is always kept.
 */
public final class LibtorchHugePages {
    /** The variable c10 reads. */
    public static final String VARIABLE = "THP_MEM_ALLOC_ENABLE";
    /** Models at least this wide (the full-size network is 1) get libtorch's huge pages in training. */
    public static final double FULL_WIDTH = 1.0;
    private static final Logger LOG = LoggerFactory.getLogger(LibtorchHugePages.class);
    private static volatile Boolean chosen;

    private LibtorchHugePages() {
    }

    /**
     * Asks for libtorch's huge pages when training a model of width {@code width}, unless the
     * environment already says: on for full-width models, off for narrower ones. Call before the
     * engine loads; only the first call in a process chooses, later ones return that choice.
     *
     * @return whether libtorch's huge pages are asked for now
     */
    public static boolean chooseForTraining(double width) {
        return choose(System.getenv(), width >= FULL_WIDTH);
    }

    static synchronized boolean choose(Map<String, String> env, boolean wanted) {
        if (chosen != null) {
            return chosen; // libtorch reads the variable once: the first choice is the one in force
        }
        String set = env.get(VARIABLE);
        if (set != null) {
            chosen = "1".equals(set.trim());
            return chosen;
        }
        if (wanted && !setenv(VARIABLE, "1")) {
            chosen = false;
            return false;
        }
        chosen = wanted;
        return wanted;
    }

    /**
     * Whether libtorch was asked for huge pages: what {@link #chooseForTraining} chose, else what
     * the environment says.
     */
    public static boolean asked(Map<String, String> env) {
        Boolean c = chosen;
        return c != null ? c : "1".equals(env.get(VARIABLE));
    }

    /** For tests: forgets the choice (the C library's environment keeps what was set). */
    static void forget() {
        chosen = null;
    }

    /** The C library's {@code setenv}, which libtorch's {@code getenv} reads; false where it fails. */
    private static boolean setenv(String name, String value) {
        try {
            Function f = NativeLibrary.getProcess().getFunction("setenv");
            return f.invokeInt(new Object[] {name, value, 0}) == 0;
        } catch (LinkageError | RuntimeException e) {
            // only a memory setting: training goes on without it
            LOG.debug("setenv {} failed: {}", name, e.toString());
            return false;
        }
    }
}
