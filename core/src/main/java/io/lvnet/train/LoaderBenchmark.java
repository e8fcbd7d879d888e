package io.lvnet.train;

import io.lvnet.data.HostBatch;

import io.lvnet.data.FrameDataset;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Split;
import io.lvnet.landmarks.ShapePredictorFile;
import io.lvnet.blend.SelfBlendSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Measures what the training loader of a configuration delivers: faces per second on its
 * loader threads and CPU milliseconds per face, with the configuration's self-blending and
 * without it (the same frames, as they are), so that the cost of blending can be set against a
 * training step's.
 * ({@code lvnet bench --loader CONFIG}).
 */
public final class LoaderBenchmark {
    /**
     * One measurement.
     *
     * @param faces faces loaded
     * @param seconds wall time
     * @param cpuSeconds the process's CPU time meanwhile (every thread)
     */
    public record Result(int faces, double seconds, double cpuSeconds) {
        /** Faces per second. */
        public double facesPerSecond() {
            return faces / seconds;
        }

        /** CPU milliseconds per face. */
        public double cpuMsPerFace() {
            return 1000 * cpuSeconds / faces;
        }
    }

    private LoaderBenchmark() {
    }

    /** Loads {@code batches} batches of epoch 0 after {@code warmup} untimed ones. */
    public static Result measure(DatasetBatches loader, int warmup, int batches) {
        Iterator<HostBatch> it = loader.epoch(0);
        for (int i = 0; i < warmup && it.hasNext(); i++) {
            it.next();
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        int faces = 0;
        for (int i = 0; i < batches && it.hasNext(); i++) {
            faces += it.next().count();
        }
        return new Result(faces, (System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9);
    }

    /**
     * One round of the loader benchmark.
     *
     * @param round 0 or 1 (the second, warm)
     * @param selfBlend whether the configuration's self-blending was on
     * @param workers loader threads
     * @param result what it delivered
     */
    public record Round(int round, boolean selfBlend, int workers, Result result) {
    }

    /**
     * Two rounds of {@code batches} batches (after 5 untimed) of {@code config}'s training
     * loader, each without and then with its self-blending (when it has any).
     */
    public static List<Round> run(TrainConfig config, int batches) throws java.io.IOException {
        FrameDataset ds = config.location().open();
        List<FrameRecord> frames = DataSources.draw(ds, config.datasets().train(), Split.TRAIN, 3, true, true, config.seed());
        int workers = config.datasets().workers() == null ? 2 : config.datasets().workers();
        int size = config.modelConfig().inputSize();
        SelfBlendSettings settings = config.selfBlend();
        List<Round> rounds = new java.util.ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (boolean blend : new boolean[] {false, true}) {
                OnlineSelfBlend sb = blend && settings != null ? new OnlineSelfBlend(settings, settings.share(),
                        config.selfBlendLandmarks() == null ? null : ShapePredictorFile.read(config.selfBlendLandmarks())) : null;
                try (DatasetBatches loader = new DatasetBatches(ds, frames, size, config.augmentation(), config.trainBatchSize(),
                        config.seed(), true, null, workers, sb)) {
                    rounds.add(new Round(round, blend, workers, measure(loader, 5, batches)));
                }
            }
        }
        return rounds;
    }
}
