package io.lvnet.serve;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * How many threads one model call computes with, when several workers call the model at once:
 * the cores are shared out among the workers ({@code cores / workers}, at least 1) instead of
 * every call starting a full team of OpenMP threads. Oversubscribed OpenMP teams spin-wait for
 * each other: on a busy two-core machine a lone request took 1 to 3 s instead of 0.1 s.
 *
 * <p>The setting is the process's (libtorch's intra-op thread count), so only the service's own
 * process should set it: {@code lvnet serve} and {@code lvnet bench --serve} do.
 */
public final class EngineThreads {
    private EngineThreads() {
    }

    /** The threads per call for {@code workers} workers on this machine's cores. */
    public static int perWorker(int workers) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
    }

    /**
     * Sets the threads every model call may use from now on (threads that have not called the
     * model yet pick it up on their first call).
     */
    public static void use(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Engine.getInstance(); // loads libtorch, whose setting this is
        JniUtils.setNumThreads(threads);
    }

    /** The threads per call now in effect for the calling thread. */
    public static int current() {
        Engine.getInstance();
        return JniUtils.getNumThreads();
    }
}
