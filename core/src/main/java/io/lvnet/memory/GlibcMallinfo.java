package io.lvnet.memory;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Structure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * glibc's {@code mallinfo2} (glibc 2.33 and later), called through JNA: how much of glibc's
 * heaps is in use. The older {@code mallinfo} counts in {@code int} and wraps past 2 GB.
 */
final class GlibcMallinfo {
    private static final Logger LOG = LoggerFactory.getLogger(GlibcMallinfo.class);
    private static volatile Function mallinfo2;
    private static volatile boolean looked;

    private GlibcMallinfo() {
    }

    /** {@code struct mallinfo2}: ten {@code size_t}, in glibc's order. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
            "keepcost"})
    public static final class Mallinfo2 extends Structure implements Structure.ByValue {
        /** Bytes the arenas took from the system (not mapped on their own). */
        public long arena;
        /** Free chunks. */
        public long ordblks;
        /** Free fastbin blocks. */
        public long smblks;
        /** Blocks mapped on their own. */
        public long hblks;
        /** Bytes in blocks mapped on their own. */
        public long hblkhd;
        /** Unused. */
        public long usmblks;
        /** Bytes in free fastbin blocks. */
        public long fsmblks;
        /** Bytes in use in the arenas. */
        public long uordblks;
        /** Bytes free in the arenas. */
        public long fordblks;
        /** Bytes at the top that could be trimmed. */
        public long keepcost;
    }

    /**
     * Bytes in use: in the arenas and in blocks mapped on their own.
     *
     * @return the bytes, or -1 where glibc's {@code mallinfo2} is not there
     */
    static long liveBytes() {
        Function f = function();
        if (f == null) {
            return -1;
        }
        try {
            Mallinfo2 info = (Mallinfo2) f.invoke(Mallinfo2.class, new Object[0]);
            return info.uordblks + info.hblkhd;
        } catch (LinkageError | RuntimeException e) {
            // a diagnosis only: a run goes on without it
            LOG.debug("mallinfo2 failed: {}", e.toString());
            return -1;
        }
    }

    private static Function function() {
        if (!looked) {
            looked = true;
            if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                try {
                    mallinfo2 = NativeLibrary.getProcess().getFunction("mallinfo2");
                } catch (LinkageError | RuntimeException e) {
                    // musl, or glibc before 2.33: the figure is only a diagnosis, so it is left out
                    LOG.debug("mallinfo2 is not reachable: {}", e.toString());
                }
            }
        }
        return mallinfo2;
    }
}
