package io.lvnet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.detect.InferenceBenchmark;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.LvNetModel;
import io.lvnet.model.Variant;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvnet bench}: inference speed and peak memory. */
@Command(name = "bench", header = "Measure inference or training speed and peak memory.", mixinStandardHelpOptions = true,
        description = {"Measure inference (or, with --train, training) speed in images per second and peak resident memory.",
            "Uses random weights of the full-size reference model unless --weights or --size/--width say otherwise."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--batch", defaultValue = "1", paramLabel = "N", description = "Faces per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--iterations", defaultValue = "5", paramLabel = "N", description = "Timed passes (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N", description = "Untimed passes first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--size", defaultValue = "299", paramLabel = "PX", description = "Input size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--width", defaultValue = "1.0", paramLabel = "W", description = "Width multiplier (default: ${DEFAULT-VALUE}).")
    double width;

    @Option(names = "--semi", description = "Benchmark the semi-supervised variant.")
    boolean semi;

    @Option(names = {"-w", "--weights"}, paramLabel = "FILE", description = "Benchmark these weights instead of random ones.")
    Path weights;

    @Option(names = "--train", description = "Measure training steps (forward, loss, backward, Adam) instead of inference.")
    boolean train;

    @Option(names = "--json", description = "Print {\"images_per_s\", \"peak_rss_mb\", \"batch\", ...} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("--batch and --iterations must be at least 1, --warmup at least 0");
        }
        LvNetConfig config = new LvNetConfig(semi ? Variant.SEMI_SUPERVISED : Variant.SUPERVISED, size, width);
        InferenceBenchmark.Result r;
        if (train) {
            try (ProgressBar bar = new ProgressBar("steps", warmup + iterations)) {
                r = io.lvnet.train.TrainingBenchmark.run(config, batch, warmup, iterations, bar);
            }
        } else {
            try (LvNetModel model = weights == null ? LvNetModel.create(config) : LvNetModel.load(weights, size);
                    ProgressBar bar = new ProgressBar("passes", warmup + iterations)) {
                r = InferenceBenchmark.run(model, batch, warmup, iterations, bar);
            }
        }
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(r));
        } else {
            System.out.printf("%d px, width %s, %,d parameters, batch %d%n", r.inputSize(), r.width(), r.parameters(), r.batch());
            System.out.printf("%s: %.2f images/s, median %.0f ms per batch, peak RSS %d MB%n",
                    train ? "training" : "inference", r.imagesPerSecond(), r.msPerBatchMedian(), r.peakRssMb());
        }
        return 0;
    }
}
