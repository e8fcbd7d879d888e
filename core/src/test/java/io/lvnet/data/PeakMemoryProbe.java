package io.lvnet.data;

import io.lvnet.memory.PeakMemory;

/**
 * Watches the process's resident memory while it is open, sampling every few milliseconds: the
 * JVM's own peak (VmHWM) may have been reached long before, by other tests, so it cannot show
 * what one piece of work costs.
 */
public final class PeakMemoryProbe implements AutoCloseable {
    private final Thread sampler;
    private volatile boolean stop;
    private volatile long peakMb;

    private PeakMemoryProbe() {
        peakMb = rssMb();
        sampler = new Thread(() -> {
            while (!stop) {
                peakMb = Math.max(peakMb, rssMb());
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-probe");
        sampler.setDaemon(true);
    }

    /** Starts sampling. */
    public static PeakMemoryProbe start() {
        PeakMemoryProbe p = new PeakMemoryProbe();
        p.sampler.start();
        return p;
    }

    /** Resident memory now, in MiB. */
    public static long rssMb() {
        return PeakMemory.currentRssMb();
    }

    /** The most resident memory sampled so far, in MiB. */
    public long peakMb() {
        return Math.max(peakMb, rssMb());
    }

    @Override
    public void close() {
        stop = true;
        sampler.interrupt();
    }
}
