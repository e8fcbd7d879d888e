package io.lvnet.spark;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.lvnet.detect.LvNetModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.opencv.global.opencv_core;

/**
 * What an executor JVM sets up once and keeps: libtorch (loaded offline, its thread pools
 * sized so that concurrent tasks do not oversubscribe the cores) and the models, one per
 * weights file, shared by the executor's tasks ({@link LvNetModel} is safe to share).
 *
 * <p>Threads: an executor with C cores runs C / {@code spark.task.cpus} tasks at once; each
 * task's forward passes, OpenCV calls and video decoding use {@code spark.task.cpus} threads
 * ({@code spark.lvnet.threads} overrides), libtorch's inter-op pool one, so together they
 * use the executor's cores. {@code -Dai.djl.pytorch.num_threads} /
 * {@code -Dai.djl.pytorch.num_interop_threads} in {@code spark.executor.extraJavaOptions} take
 * precedence.
 */
final class ExecutorRuntime {
    private static final Map<String, LvNetModel> MODELS = new ConcurrentHashMap<>();
    private static volatile boolean started;
    private static volatile int threads;

    private ExecutorRuntime() {
    }

    /** Loads libtorch once, offline, with {@code threads} intra-op threads; later calls keep the first setting. */
    static synchronized int start(int wanted) {
        if (started) {
            return threads;
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true"); // nothing is downloaded on executors
        }
        boolean userThreads = System.getProperty("ai.djl.pytorch.num_threads") != null;
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        if (!userThreads) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(wanted));
        }
        Engine.getInstance(); // reads the properties above when it is the first to load libtorch
        if (!userThreads) {
            JniUtils.setNumThreads(wanted); // in case libtorch was already loaded (local mode)
        }
        threads = JniUtils.getNumThreads();
        opencv_core.setNumThreads(threads);
        started = true;
        return threads;
    }

    /** Sets OpenCV's threads (for jobs without libtorch); {@link #start} does it too. */
    static synchronized void startOpenCv(int wanted) {
        if (!started) {
            opencv_core.setNumThreads(wanted);
        }
    }

    /** Intra-op threads after {@link #start}. */
    static int threads() {
        return threads;
    }

    /** The model of a weights file in a precision ({@code auto}: this executor's pick), loaded on first use in this JVM. */
    static LvNetModel model(Path weights, int inputSize, io.lvnet.detect.Precision precision) {
        String key = weights.toAbsolutePath().normalize() + "@" + inputSize + "/" + precision.label();
        return MODELS.computeIfAbsent(key, k -> {
            try {
                return LvNetModel.load(weights, inputSize).withPrecision(precision);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Whether the model of this file is loaded already. */
    static boolean loaded(Path weights, int inputSize) {
        return MODELS.containsKey(weights.toAbsolutePath().normalize() + "@" + inputSize);
    }
}
