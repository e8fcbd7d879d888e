package io.lvnet.serve;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads that run the model: a fixed number of workers and a bounded queue in front of
 * them. A job that finds the queue full is refused at once (503 with a Retry-After estimated
 * from recent job times), so the backlog never grows without bound.
 *
 * <p>A job whose caller gives up ({@link Job#abandon}, a request that timed out) leaves the queue
 * if it waits there; if it runs, it is interrupted, but native code (a forward pass, a frame being
 * decoded) does not notice until it returns to Java. Until then the job keeps its worker: the
 * pool never runs more jobs at once than it has workers, and what is admitted counts it (it is
 * among the running jobs, so it delays queued ones and lengthens Retry-After).
 */
final class WorkPool implements AutoCloseable {
    private final int workers;
    private final int capacity;
    private final ThreadPoolExecutor executor;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();
    /** Mean job time, an exponentially weighted average in nanoseconds (0 until a job has run). */
    private final AtomicLong meanNanos = new AtomicLong();

    /**
     * @param workers worker threads, at least 1
     * @param capacity jobs that may wait, at least 0
     */
    WorkPool(int workers, int capacity) {
        this.workers = workers;
        this.capacity = capacity;
        BlockingQueue<Runnable> queue = capacity == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(capacity);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "lvnet-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, queue, threads,
                new ThreadPoolExecutor.AbortPolicy());
        executor.prestartAllCoreThreads(); // a SynchronousQueue hands jobs only to idle threads
    }

    /** A queued job, for its caller to wait on or give up. */
    final class Job<T> {
        private Future<T> future;
        private boolean started;
        private boolean finished;
        private boolean givenUp;

        /** Waits for the result (see {@link Future#get(long, TimeUnit)}). */
        T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return future.get(timeout, unit);
        }

        /**
         * Gives the job up: a waiting job never runs; a running one is interrupted and holds its
         * worker, counted as abandoned, until it returns.
         */
        void abandon() {
            synchronized (this) {
                if (givenUp) {
                    return;
                }
                givenUp = true;
                if (started && !finished) {
                    abandoned.incrementAndGet();
                }
            }
            future.cancel(true);
            executor.purge(); // a cancelled job must not hold a queue place
        }

        private synchronized boolean start() {
            started = !givenUp;
            return started;
        }

        private synchronized void finish() {
            finished = true;
            if (givenUp) {
                abandoned.decrementAndGet();
            }
        }
    }

    /**
     * Queues a job.
     *
     * @throws ApiException 503 when the queue is full
     */
    <T> Job<T> submit(Callable<T> work) {
        Job<T> job = new Job<>();
        try {
            job.future = executor.submit(() -> {
                if (!job.start()) {
                    throw new CancellationException("given up before it started");
                }
                running.incrementAndGet();
                long t0 = System.nanoTime();
                try {
                    return work.call();
                } finally {
                    record(System.nanoTime() - t0);
                    job.finish(); // first: running never shows fewer jobs than abandoned
                    running.decrementAndGet();
                }
            });
            return job;
        } catch (RejectedExecutionException e) {
            if (executor.isShutdown()) {
                throw new ApiException(503, "the service is shutting down");
            }
            throw new ApiException(503, "busy: " + workers + " worker(s) running and the queue of " + capacity
                    + " full; retry later", retryAfterSeconds());
        }
    }

    private void record(long nanos) {
        meanNanos.updateAndGet(m -> m == 0 ? nanos : (long) (0.8 * m + 0.2 * nanos));
    }

    /** Seconds until a place in the queue is likely to be free: the backlog's share of one worker, at least 1. */
    int retryAfterSeconds() {
        double perJob = meanNanos.get() / 1e9;
        double wait = (queued() + running()) * perJob / workers;
        return (int) Math.max(1, Math.min(300, Math.ceil(wait)));
    }

    /** Jobs waiting for a worker. */
    int queued() {
        return executor.getQueue().size();
    }

    /** Jobs being run, abandoned ones included. */
    int running() {
        return running.get();
    }

    /** Jobs given up by their callers but still running (in native code that has not yet noticed). */
    int abandoned() {
        return abandoned.get();
    }

    int workers() {
        return workers;
    }

    int capacity() {
        return capacity;
    }

    /** Refuses new jobs, interrupts running ones and waits briefly for the workers to stop. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
