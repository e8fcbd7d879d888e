package io.lvnet.serve;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP server's threads, and how long a connection may hold one.
 *
 * <p>The JDK's server reads a request's line and headers on the executor thread that then runs
 * the handler, so a client that sends them a byte at a time holds a thread for as long as it
 * likes, and with a small pool a dozen such clients starve every other request, health checks
 * included. Here every request gets a thread of its own at once (no queue), up to
 * {@code maxThreads} at a time (one more is refused: the JDK server closes its connection);
 * whatever the handler then does is bounded elsewhere (upload places, the work queue), so cheap
 * requests never wait behind expensive ones.
 *
 * <p>Deadlines, checked a few times a second: a request's headers must be in {@code headerTimeout}
 * after its first byte; its body must keep arriving, and its answer must keep being taken, with
 * no wait longer than {@code idleTimeout} for the next bytes; and the whole exchange must be over
 * {@code exchangeTimeout} after the headers. A request past one has its thread interrupted. The
 * JDK server reads and writes a blocking socket channel, which an interrupt closes, so the client
 * is disconnected and the thread freed even in the middle of a read or write.
 */
final class ExchangeGuard implements Executor, AutoCloseable {
    /** Threads kept while idle: enough for a burst of cheap requests without starting threads. */
    private static final int CORE_THREADS = 4;
    /** How often deadlines are checked. */
    private static final long TICK_MILLIS = 100;

    private final ThreadPoolExecutor threads;
    private final ScheduledThreadPoolExecutor ticker;
    private final long headerNanos;
    private final long idleNanos;
    private final long exchangeNanos;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Watch> current = new ThreadLocal<>();
    private final LongAdder slowHeaders = new LongAdder();
    private final LongAdder idle = new LongAdder();
    private final LongAdder stalled = new LongAdder();
    private final LongAdder refused = new LongAdder();

    /**
     * @param maxThreads requests handled at once
     * @param headerTimeout from a request's first byte to the end of its headers
     * @param idleTimeout longest wait for the next bytes of a body, or for the client to take more of the answer
     * @param exchangeTimeout from the end of the headers to the end of the answer
     */
    ExchangeGuard(int maxThreads, Duration headerTimeout, Duration idleTimeout, Duration exchangeTimeout) {
        this.headerNanos = headerTimeout.toNanos();
        this.idleNanos = idleTimeout.toNanos();
        this.exchangeNanos = exchangeTimeout.toNanos();
        AtomicInteger n = new AtomicInteger();
        threads = new ThreadPoolExecutor(Math.min(CORE_THREADS, maxThreads), maxThreads, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> daemon(r, "lvnet-http-" + n.incrementAndGet()));
        ticker = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "lvnet-http-deadlines"));
        ticker.scheduleWithFixedDelay(this::enforce, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Runs one exchange of the JDK server on a thread of its own.
     *
     * @throws RejectedExecutionException when every thread is busy (the server then closes the connection)
     */
    @Override
    public void execute(Runnable exchange) {
        try {
            threads.execute(() -> guard(exchange));
        } catch (RejectedExecutionException e) {
            refused.increment();
            throw e;
        }
    }

    private void guard(Runnable exchange) {
        Watch watch = new Watch(Thread.currentThread(), System.nanoTime() + headerNanos);
        current.set(watch);
        watches.add(watch);
        try {
            exchange.run();
        } finally {
            watch.finish();
            watches.remove(watch);
            current.remove();
            Thread.interrupted(); // a deadline that struck at the very end must not reach the next exchange
        }
    }

    private void enforce() {
        long now = System.nanoTime();
        for (Watch w : watches) {
            w.enforce(now);
        }
    }

    /**
     * The filter that marks the end of a request's headers (the JDK server calls filters once it
     * has parsed them): from there the exchange deadline runs, and the body and answer streams are
     * watched for progress. A request whose header deadline already struck is not handled.
     */
    Filter headersRead() {
        return new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                Watch watch = current.get();
                if (watch == null) {
                    chain.doFilter(exchange);
                    return;
                }
                if (!watch.headersRead(System.nanoTime() + exchangeNanos)) {
                    exchange.close();
                    return;
                }
                exchange.setStreams(watch.watchedBody(exchange.getRequestBody()), watch.watchedAnswer(exchange.getResponseBody()));
                chain.doFilter(exchange);
            }

            @Override
            public String description() {
                return "request deadlines";
            }
        };
    }

    /** Requests whose headers did not arrive in time. */
    long slowHeaders() {
        return slowHeaders.sum();
    }

    /** Requests whose body stopped arriving, or whose answer stopped being taken, for too long. */
    long idle() {
        return idle.sum();
    }

    /** Exchanges still going at their deadline. */
    long stalled() {
        return stalled.sum();
    }

    /** Connections closed because every thread was busy. */
    long refused() {
        return refused.sum();
    }

    /** Threads handling a request now. */
    int busy() {
        return threads.getActiveCount();
    }

    /** The most requests handled at once. */
    int limit() {
        return threads.getMaximumPoolSize();
    }

    /** Interrupts every exchange and stops the threads. */
    @Override
    public void close() {
        ticker.shutdownNow();
        threads.shutdownNow();
    }

    /** One exchange's deadlines: interrupts its thread when one passes, unless the exchange is over. */
    private final class Watch {
        private final Thread thread;
        /** When the headers must be in, or the whole exchange over once they are. */
        private volatile long deadline;
        private volatile boolean headersRead;
        /** When the current body read or answer write began, or 0 outside one. */
        private volatile long waitingSince;
        private boolean over;
        private boolean struck;

        Watch(Thread thread, long headerDeadline) {
            this.thread = thread;
            this.deadline = headerDeadline;
        }

        /** The exchange deadline from now on; false if a deadline has already struck. */
        synchronized boolean headersRead(long exchangeDeadline) {
            if (struck) {
                return false;
            }
            deadline = exchangeDeadline;
            headersRead = true;
            return true;
        }

        void enforce(long now) {
            long since = waitingSince;
            if (now - deadline > 0) {
                strike(headersRead ? stalled : slowHeaders);
            } else if (since != 0 && now - since > idleNanos) {
                strike(idle);
            }
        }

        // under the lock, so the interrupt can only land while the exchange still runs
        private synchronized void strike(LongAdder count) {
            if (!over && !struck) {
                struck = true;
                count.increment();
                thread.interrupt();
            }
        }

        synchronized void finish() {
            over = true;
        }

        InputStream watchedBody(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    waitingSince = System.nanoTime();
                    try {
                        return super.read();
                    } finally {
                        waitingSince = 0;
                    }
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    waitingSince = System.nanoTime();
                    try {
                        return super.read(b, off, len);
                    } finally {
                        waitingSince = 0;
                    }
                }
            };
        }

        OutputStream watchedAnswer(OutputStream out) {
            return new FilterOutputStream(out) {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    waitingSince = System.nanoTime();
                    try {
                        out.write(b, off, len); // the stream's own bulk write, not FilterOutputStream's byte loop
                    } finally {
                        waitingSince = 0;
                    }
                }

                @Override
                public void flush() throws IOException {
                    waitingSince = System.nanoTime();
                    try {
                        out.flush();
                    } finally {
                        waitingSince = 0;
                    }
                }
            };
        }
    }
}
