package io.lvnet.train;

import io.lvnet.memory.HeapTrimmer;
import io.lvnet.memory.LibtorchHugePages;
import io.lvnet.memory.PassMemory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.lvnet.detect.InferenceBenchmark;
import io.lvnet.memory.PeakMemory;
import io.lvnet.progress.ProgressListener;
import ai.djl.engine.Engine;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.detect.LvNetModel;
import java.util.Arrays;

/** Measures training throughput: full supervised steps (forward, loss, backward, Adam) on random batches. */
public final class TrainingBenchmark {
    private TrainingBenchmark() {
    }

    /** Runs {@code warmup} untimed and {@code iterations} timed training steps of {@code batch} faces. */
    public static InferenceBenchmark.Result run(LvNetConfig config, StepOptions options, int batch, int warmup, int iterations,
            ProgressListener progress) {
        int s = config.inputSize();
        double[] ms = new double[iterations];
        PassMemory memory = new PassMemory(warmup + iterations);
        long total = 0;
        LvNet net;
        LibtorchHugePages.chooseForTraining(config.width()); // before libtorch loads and reads it
        try (NDManager m = NDManager.newBaseManager(Engine.getInstance().defaultDevice());
                TrainingState state = TrainingState.start(net = LvNet.create(config, m), 0)) {
            SupervisedStep step = new SupervisedStep(net, state, options);
            HeapTrimmer trimmer = new HeapTrimmer(); // as the trainer does, so memory is measured as training holds it
            for (int i = 0; i < warmup + iterations; i++) {
                memory.begin();
                try (NDManager scope = m.newSubManager()) {
                    NDArray images = scope.randomUniform(-1, 1, new Shape(batch, 3, s, s));
                    long[] labels = new long[batch];
                    for (int k = 0; k < batch; k++) {
                        labels[k] = k % 2;
                    }
                    NDArray masks = scope.randomUniform(0, 1, new Shape(batch, 1, s, s)).gt(0.8f).toType(DataType.FLOAT32, false);
                    long t0 = System.nanoTime();
                    step.run(images, scope.create(labels), masks);
                    long dt = System.nanoTime() - t0;
                    if (i >= warmup) {
                        total += dt;
                        ms[i - warmup] = dt / 1e6;
                    }
                }
                memory.end(); // what the step left resident, before any trim, and the most it held
                trimmer.afterStep();
                progress.advance(1);
            }
            Arrays.sort(ms);
            return new InferenceBenchmark.Result(batch * iterations / (total / 1e9), ms[iterations / 2],
                    memory.overallPeakMb(), batch, iterations, s, config.width(), LvNetModel.parameterCount(net),
                    PeakMemory.allocatorSettings(), memory.after(), memory.peaks());
        }
    }
}
