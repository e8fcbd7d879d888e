package io.lvnet.cli;

import io.lvnet.demo.Demo;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvnet demo}: everything lvnet does, on data it makes itself, in one report. */
@Command(name = "demo", header = "Everything end to end on synthetic data, in one HTML report.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run lvnet end to end with nothing but this repository: generate a small synthetic deepfake",
            "benchmark, train the compact LVNet on it, evaluate it on held-out identities, scan a few faces and",
            "a video, and write one self-contained HTML report (metrics, ROC curve, training curves, heatmap",
            "overlays, video timeline). Takes a few minutes on 2 cores; steps already done in --out are reused."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "demo-output", paramLabel = "DIR", description = "Where everything goes (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--identities", defaultValue = "128", paramLabel = "N", description = "Synthetic people (default: ${DEFAULT-VALUE}).")
    int identities;

    @Option(names = "--frames", defaultValue = "6", paramLabel = "N", description = "Frames per clip (default: ${DEFAULT-VALUE}).")
    int frames;

    // 3, not 5: the same held-out AUC (0.957 against 0.958 frame, 0.980 against 0.975 video, AMD Zen 5)
    // in 5 min 40 s instead of 8 min 54 s; not 2: 0.920 frame, 0.954 video (docs/experiments.md)
    @Option(names = "--epochs", defaultValue = "3", paramLabel = "N", description = {"Training epochs (default: ${DEFAULT-VALUE}; "
            + "more rarely helps at this size: 5 gave the same held-out AUC)."})
    int epochs;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of data and training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (identities < 6 || frames < 3 || epochs < 1) {
            throw new IllegalArgumentException("the demo needs at least 6 identities, 3 frames and 1 epoch");
        }
        long start = System.nanoTime();
        Demo.Result r;
        try (TrainCommand.Progress training = new TrainCommand.Progress(epochs)) {
            r = Demo.run(new Demo.Options(out, identities, frames, epochs, seed), System.err, (what, total) -> {
                ProgressBar bar = new ProgressBar(what, total);
                return new Demo.ProgressAndClose() {
                    @Override
                    public void advance(int n) {
                        bar.advance(n);
                    }

                    @Override
                    public void close() {
                        bar.close();
                    }
                };
            }, training);
        }
        System.out.printf(Locale.ROOT, "report: %s%nheld-out frame AUC %.3f, video AUC %.3f (%.1f min)%n",
                r.report().toAbsolutePath(), r.testFrameAuc(), r.testVideoAuc(), (System.nanoTime() - start) / 6e10);
        return 0;
    }
}
