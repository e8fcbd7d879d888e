package io.lvnet.spark;

import ai.djl.pytorch.jni.JniUtils;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameSampling;
import io.lvnet.detect.FaceFinder;
import io.lvnet.detect.FileResult;
import io.lvnet.detect.FileScanner;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.LvNetModel;
import io.lvnet.synth.Method;
import io.lvnet.synth.SynthGenerator;
import io.lvnet.synth.SynthOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lvnet-spark bench}: files per second of the scan job against {@code lvnet detect}'s
 * single process ({@link FileScanner}, one file after another, libtorch on every core) on the
 * same files: synthetic pictures and videos, or a folder of yours.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Files per second: the Spark scan against lvnet detect's single process, same files.",
        description = {
            "Scans the same files with lvnet detect's scanner in this process (libtorch on every core,",
            "one file after another), then with the Spark scan job twice (a cold run that loads the",
            "model on each executor, and a warm one), and reports files per second and where the time",
            "went. Run it with spark-submit --master local[N] for local mode."})
final class ScanBenchmark implements Callable<Integer> {
    @Option(names = {"-w", "--weights"}, paramLabel = "FILE", description = "Weights (default: a random compact model).")
    Path weights;

    @Option(names = "--inputs", paramLabel = "DIR", description = "Scan this folder instead of synthetic files.")
    Path inputs;

    @Option(names = "--images", defaultValue = "64", paramLabel = "N", description = "Synthetic pictures (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--videos", defaultValue = "8", paramLabel = "N", description = "Synthetic videos (default: ${DEFAULT-VALUE}).")
    int videos;

    @Option(names = "--size", defaultValue = "160", paramLabel = "PX", description = "Synthetic frame size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--frames", defaultValue = "8", paramLabel = "N", description = "Frames sampled per video (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--batch", defaultValue = "8", paramLabel = "N", description = "Faces per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N", description = "Scan tasks (default: the job's).")
    int partitions;

    @Option(names = "--commit-every", defaultValue = "64", paramLabel = "N", description = "Files per chunk (default: ${DEFAULT-VALUE}).")
    int commitEvery;

    @Option(names = "--work", paramLabel = "DIR", description = "Working folder (default: a temporary one, deleted).")
    Path work;

    @Override
    public Integer call() throws Exception {
        run(System.out);
        return 0;
    }

    /** The figures of one benchmark. */
    record Figures(int files, double detectFilesPerSecond, double detectLoadSeconds, double sparkColdFilesPerSecond,
            double sparkWarmFilesPerSecond, ScanJob.Summary cold, ScanJob.Summary warm, double maxDifference) {
    }

    Figures run(PrintStream log) throws IOException {
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("lvnet-bench");
        Path w = weights;
        if (w == null) {
            w = dir.resolve("compact.safetensors");
            try (LvNetModel m = LvNetModel.create(LvNetConfig.compact())) {
                m.save(w);
            }
        }
        List<Path> files = inputs != null ? io.lvnet.detect.InputFiles.expand(List.of(inputs)) : synthetic(dir.resolve("inputs"));
        SparkSession spark = SparkMain.session("lvnet-spark bench");
        int cores = Runtime.getRuntime().availableProcessors();
        log.printf(Locale.ROOT, "bench: %d files (%s), %d cores here, Spark master %s (default parallelism %d)%n",
                files.size(), describe(files), cores, spark.sparkContext().master(), spark.sparkContext().defaultParallelism());

        // lvnet detect: one process, one file after another, libtorch's pool on every core
        ai.djl.engine.Engine.getInstance();
        JniUtils.setNumThreads(cores);
        long t0 = System.nanoTime();
        Map<String, FileResult> single = new HashMap<>();
        double load;
        double detectSeconds;
        try (LvNetModel model = LvNetModel.load(w, 299); FaceFinder finder = FaceFinder.configured(false, null, 1.3, false)) {
            load = (System.nanoTime() - t0) / 1e9;
            FileScanner scanner = new FileScanner(model, finder, FrameSampling.evenly(frames), batch, null);
            long t1 = System.nanoTime();
            for (Path f : files) {
                FileResult r = scanner.scan(f);
                single.put(HadoopFiles.uri(f), r);
            }
            detectSeconds = (System.nanoTime() - t1) / 1e9;
        }
        double detectRate = files.size() / detectSeconds;
        log.printf(Locale.ROOT, "lvnet detect (single process, %d intra-op threads): %.1f s, %.2f files/s (model load %.2f s"
                + " not counted)%n", cores, detectSeconds, detectRate, load);

        ScanSettings settings = new ScanSettings(w.toString(), 299, false, false, List.of(), 1.3, frames, null, batch, 0,
                commitEvery, false);
        List<String> uris = files.stream().map(HadoopFiles::uri).toList();
        ScanJob.Summary cold = ScanJob.run(spark, settings, uris, null, dir.resolve("out-cold").toString(), partitions, log);
        ScanJob.Summary warm = ScanJob.run(spark, settings, uris, null, dir.resolve("out-warm").toString(), partitions, log);
        double diff = 0;
        for (Row r : spark.read().schema(ScanTables.FILES).parquet(dir.resolve("out-warm/files").toString()).collectAsList()) {
            FileResult a = ScanTables.result(r);
            FileResult b = single.get(a.path());
            if (a.fakeProbability() != null && b != null && b.fakeProbability() != null) {
                diff = Math.max(diff, Math.abs(a.fakeProbability() - b.fakeProbability()));
            }
        }
        log.printf(Locale.ROOT, "Spark scan, cold (model loaded per executor): %.1f s, %.2f files/s; job %.1f s%n",
                cold.seconds(), cold.filesPerSecond(), cold.jobSeconds());
        log.printf(Locale.ROOT, "Spark scan, warm: %.1f s, %.2f files/s; job %.1f s; task time: read %.1f s, scan %.1f s, "
                + "write %.1f s%n", warm.seconds(), warm.filesPerSecond(), warm.jobSeconds(), warm.readSeconds(),
                warm.scanSeconds(), warm.writeSeconds());
        log.printf(Locale.ROOT, "cold run: model loads %.2f s of task time, driver outside the job %.2f s%n",
                cold.loadSeconds(), cold.seconds() - cold.jobSeconds());
        log.printf(Locale.ROOT, "largest difference of a file's probability, Spark against detect: %.2e%n", diff);
        if (work == null) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return new Figures(files.size(), detectRate, load, cold.filesPerSecond(), warm.filesPerSecond(), cold, warm, diff);
    }

    private List<Path> synthetic(Path dir) throws IOException {
        int identities = Math.max(2, Math.min(12, videos));
        int perIdentity = Math.max(1, (videos + identities - 1) / identities);
        int framesPerVideo = Math.max(frames, (images + identities * perIdentity - 1) / (identities * perIdentity));
        new SynthGenerator(new SynthOptions(identities, perIdentity, framesPerVideo, size, 1, List.of(CompressionLevel.LIGHT),
                List.of(Method.DEEPFAKES), true, Runtime.getRuntime().availableProcessors()))
                .generate(dir, "lvnet-spark bench", done -> { });
        List<Path> pictures;
        List<Path> clips;
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> every = all.filter(Files::isRegularFile).sorted().toList();
            pictures = every.stream().filter(p -> p.toString().endsWith(".png") && p.toString().contains("/frames/"))
                    .limit(images).toList();
            clips = every.stream().filter(p -> p.toString().endsWith(".mp4") && p.toString().contains("/videos/")
                    && !p.toString().contains("/masks/")).limit(videos).toList();
        }
        List<Path> out = new ArrayList<>(pictures);
        out.addAll(clips);
        return out;
    }

    private static String describe(List<Path> files) {
        long v = files.stream().filter(f -> io.lvnet.detect.MediaType.of(f) == io.lvnet.detect.MediaType.VIDEO).count();
        return (files.size() - v) + " pictures, " + v + " videos";
    }
}
