package io.lvnet.cli;

import io.lvnet.progress.ProgressListener;
import java.io.PrintStream;

/**
 * A one-line progress bar with rate and ETA on stderr, redrawn in place when stderr is a
 * terminal. Where it is not (a log file, {@code nohup}, a service manager), a plain line with the
 * same counts is written at most every 30 seconds instead, so that a long run in the background
 * still says how far it is, while short work writes nothing and logs stay clean.
 */
final class ProgressBar implements ProgressListener, AutoCloseable {
    private static final int WIDTH = 30;
    private static final long PLAIN_EVERY_NANOS = 30_000_000_000L;
    private final PrintStream err;
    private final String what;
    private final long total;
    private final long start = System.nanoTime();
    private final boolean enabled;
    private final long plainEveryNanos;
    private long done;
    private long lastDraw;
    private long lastPlain;
    private volatile String note = "";

    ProgressBar(String what, long total) {
        this(System.err, what, total, System.console() != null);
    }

    ProgressBar(PrintStream err, String what, long total, boolean terminal) {
        this(err, what, total, terminal, PLAIN_EVERY_NANOS);
    }

    /** With {@code plainEveryNanos} between the plain lines written when not on a terminal. */
    ProgressBar(PrintStream err, String what, long total, boolean terminal, long plainEveryNanos) {
        this.err = err;
        this.what = what;
        this.total = total;
        this.enabled = terminal && total > 0;
        this.plainEveryNanos = total > 0 && !terminal ? plainEveryNanos : -1;
        this.lastPlain = start;
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
        } else if (plainEveryNanos >= 0 && now - lastPlain >= plainEveryNanos && done < total) {
            lastPlain = now;
            err.println(plainLine(now));
            err.flush();
        }
    }

    /** The counts without the bar, for logs: {@code passes 12/40 (30 %), 0.1/s, ETA 4m10s}. */
    String plainLine(long now) {
        double secs = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / secs;
        String eta = rate > 0 ? ", ETA " + format((long) ((total - done) / rate)) : "";
        return String.format(java.util.Locale.ROOT, "%s %d/%d (%d %%), %.2f/s%s%s", what, done, total,
                100 * done / total, rate, eta, note.isEmpty() ? "" : ", " + note.strip());
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
