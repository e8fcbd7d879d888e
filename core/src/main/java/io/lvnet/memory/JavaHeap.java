package io.lvnet.memory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Java heap's committed size close to what is live, so that resident memory in a long
 * training run follows the work rather than the collector's history.
 *
 * <p>G1 gives memory back only after a full or concurrent collection, and then keeps up to 70 %
 * of the heap free (its default {@code MaxHeapFreeRatio}). In a 10-epoch compact run its heap
 * went from 180 to 472 MB in the ninth epoch and stayed there, 20 % of the process's resident
 * memory, while the native part was flat. A full collection at each trim ({@link HeapTrimmer})
 * with at most 30 % kept free brings it back to about what is live; that collection also finds
 * the unreachable direct buffers, whose native memory {@link #collect} waits to see freed before
 * the native heaps are trimmed.
 */
public final class JavaHeap {
    private static final Logger LOG = LoggerFactory.getLogger(JavaHeap.class);
    /** Most of the heap, in percent, left committed but free after a collection. */
    static final int MAX_FREE_PERCENT = 30;
    /** Least of the heap, in percent, free after a collection before it grows. */
    static final int MIN_FREE_PERCENT = 10;
    /** How long the direct buffers' memory must stay put to count as freed. */
    private static final long DIRECT_SETTLE_NANOS = 50_000_000L;
    /** The longest {@link #collect} waits for the cleaners. */
    private static final long DIRECT_WAIT_NANOS = 2_000_000_000L;

    private JavaHeap() {
    }

    /**
     * Lowers the collector's free-heap ratios to {@value #MIN_FREE_PERCENT} and
     * {@value #MAX_FREE_PERCENT} percent, unless the command line set them (a user's choice
     * stands). Both are manageable HotSpot flags; on a JVM without them nothing changes.
     *
     * @return whether the ratios are now this class's
     */
    public static boolean keepCommittedNearLive() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm == null || setByUser(vm, "MaxHeapFreeRatio") || setByUser(vm, "MinHeapFreeRatio")) {
                return false;
            }
            // Min first: the JVM refuses a Max below the current Min
            vm.setVMOption("MinHeapFreeRatio", Integer.toString(MIN_FREE_PERCENT));
            vm.setVMOption("MaxHeapFreeRatio", Integer.toString(MAX_FREE_PERCENT));
            return true;
        } catch (RuntimeException | LinkageError e) {
            // not HotSpot, or the flags are not manageable here: the default ratios only cost memory
            LOG.debug("heap free ratios left as they are: {}", e.toString());
            return false;
        }
    }

    /**
     * A full collection: unreachable objects go, with the native memory their cleaners free. It
     * returns once the direct buffers the collection found unreachable have been freed, which
     * their cleaners do on the JVM's reference thread after {@code System.gc()} has returned (10
     * to 20 ms later for 2,000 buffers of 100 KB on an idle core, none of them freed at its
     * return): a trim that followed at once left their pages resident until the next one. DJL
     * copies every array it creates from Java through a direct buffer, a training step's batch
     * among them.
     */
    public static void collect() {
        System.gc();
        awaitDirectBuffersFreed(DIRECT_SETTLE_NANOS, DIRECT_WAIT_NANOS);
    }

    /**
     * Waits until the memory of the JVM's direct buffers has not changed for {@code settleNanos},
     * or {@code maxNanos} have passed.
     */
    static void awaitDirectBuffersFreed(long settleNanos, long maxNanos) {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> "direct".equals(b.getName())).findFirst().orElse(null);
        if (direct == null) {
            return;
        }
        long start = System.nanoTime();
        long last = direct.getMemoryUsed();
        long changed = start;
        while (System.nanoTime() - changed < settleNanos && System.nanoTime() - start < maxNanos) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = direct.getMemoryUsed();
            if (now != last) {
                last = now;
                changed = System.nanoTime();
            }
        }
    }

    /** Whether someone other than this class chose {@code flag}'s value (command line, jcmd, ...). */
    private static boolean setByUser(HotSpotDiagnosticMXBean vm, String flag) {
        VMOption option = vm.getVMOption(flag);
        VMOption.Origin origin = option.getOrigin();
        if (origin == VMOption.Origin.DEFAULT || origin == VMOption.Origin.ERGONOMIC) {
            return false;
        }
        String ours = Integer.toString(flag.startsWith("Max") ? MAX_FREE_PERCENT : MIN_FREE_PERCENT);
        return !(origin == VMOption.Origin.MANAGEMENT && option.getValue().equals(ours));
    }
}
