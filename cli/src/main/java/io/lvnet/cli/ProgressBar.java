package io.lvnet.cli;

import io.lvnet.progress.ProgressListener;
import java.io.PrintStream;

/**
 * A one-line progress bar with rate and ETA on stderr, drawn only when stderr is a terminal
 * so that logs and pipes stay clean.
 */
final class ProgressBar implements ProgressListener, AutoCloseable {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final String what;
    private final long total;
    private final long start = System.nanoTime();
    private final boolean enabled;
    private long done;
    private long lastDraw;
    private volatile String note = "";

    ProgressBar(String what, long total) {
        this(System.err, what, total, System.console() != null);
    }

    ProgressBar(PrintStream err, String what, long total, boolean enabled) {
        this.err = err;
        this.what = what;
        this.total = total;
        this.enabled = enabled && total > 0;
    }

    /** Extra text shown after the counts (e.g. the current loss). */
    void note(String text) {
        note = text;
    }

    @Override
    public synchronized void advance(int n) {
        done += n;
        long now = System.nanoTime();
        if (enabled && (now - lastDraw > 100_000_000L || done >= total)) {
            lastDraw = now;
            err.print("\r" + line(now));
            err.flush();
        }
    }

    String line(long now) {
        double secs = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / secs;
        int filled = (int) (WIDTH * Math.min(1.0, (double) done / total));
        String eta = rate > 0 && done < total ? " ETA " + format((long) ((total - done) / rate)) : "";
        return String.format("[%s%s] %d/%d %s %.1f/s%s %s   ", "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total, what, rate, eta, note);
    }

    private static String format(long s) {
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }

    @Override
    public void close() {
        if (enabled) {
            err.println();
        }
    }
}
