package io.lvnet.spark;

import ai.djl.pytorch.jni.JniUtils;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameSampling;
import io.lvnet.data.FaceFinder;
import io.lvnet.detect.FileResult;
import io.lvnet.detect.FileScanner;
import io.lvnet.model.LvNetConfig;
import io.lvnet.detect.LvNetModel;
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
import org.bytedeco.opencv.global.opencv_core;
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
        header = "Files/s of the Spark scan against lvnet detect, same files.",
        description = {
            "Scans the same files with the Spark scan job once cold (JIT, model loads),",
            "then in rounds: lvnet detect's scanner in this process (libtorch and OpenCV on",
            "every core, one file after another) and a warm run of the job. Reports files",
            "per second and CPU seconds per file. Run it with spark-submit --master",
            "local[N] for local mode."})
final class ScanBenchmark implements Callable<Integer> {
    @Option(names = {"-w", "--weights"}, paramLabel = "FILE", description = "Weights (default: a random compact model).")
    Path weights;

    @Option(names = "--model", defaultValue = "compact", paramLabel = "NAME",
            description = "Without --weights, a random model of this size: compact (160 px) or reference (299 px, the paper's).")
    String model;

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

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
            description = "Alternating rounds of lvnet detect and a warm Spark run (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--work", paramLabel = "DIR", description = "Working folder (default: a temporary one, deleted).")
    Path work;

    @Override
    public Integer call() throws Exception {
        run(System.out);
        return 0;
    }

    /** The figures of one benchmark. */
    record Figures(int files, double detectFilesPerSecond, double sparkColdFilesPerSecond, double sparkWarmFilesPerSecond,
            ScanJob.Summary cold, ScanJob.Summary warm, double maxDifference) {
    }

    Figures run(PrintStream log) throws IOException {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("lvnet-bench");
        Path w = weights;
        if (w == null) {
            LvNetConfig config = switch (model) {
                case "compact" -> LvNetConfig.compact();
                case "reference" -> LvNetConfig.REFERENCE;
                default -> throw new IllegalArgumentException("--model takes compact or reference, not " + model);
            };
            w = dir.resolve(model + ".safetensors");
            try (LvNetModel m = LvNetModel.create(config)) {
                m.save(w);
            }
        }
        List<Path> files = inputs != null ? io.lvnet.files.InputFiles.expand(List.of(inputs)) : synthetic(dir.resolve("inputs"));
        SparkSession spark = SparkMain.session("lvnet-spark bench");
        int cores = Runtime.getRuntime().availableProcessors();
        log.printf(Locale.ROOT, "bench: %d files (%s), %d cores here, Spark master %s (default parallelism %d), load average %.1f%n",
                files.size(), describe(files), cores, spark.sparkContext().master(), spark.sparkContext().defaultParallelism(),
                loadAverage());
        ScanSettings settings = new ScanSettings(w.toString(), 299, false, false, List.of(), 1.3, frames, null, batch, 0,
                commitEvery, false);
        List<String> uris = files.stream().map(HadoopFiles::uri).toList();

        // first the cold Spark run: it pays for the JIT and the model load on the executors
        double c0 = processCpuSeconds();
        ScanJob.Summary cold = ScanJob.run(spark, settings, uris, null, dir.resolve("out-cold").toString(), partitions, log);
        double coldCpu = processCpuSeconds() - c0;
        log.printf(Locale.ROOT, "Spark scan, cold: %.1f s, %.2f files/s (job %.1f s, model loads %.2f s of task time), "
                + "process CPU %.1f s%n", cold.seconds(), cold.filesPerSecond(), cold.jobSeconds(), cold.loadSeconds(), coldCpu);

        // then rounds of lvnet detect's single process and a warm Spark run, alternating, so that
        // both see the same machine (it may be shared)
        List<double[]> rounds = new ArrayList<>();
        Map<String, FileResult> single = new HashMap<>();
        ScanJob.Summary warm = null;
        for (int round = 1; round <= this.rounds; round++) {
            double[] d = detect(w, files, cores, single);
            double sc0 = processCpuSeconds();
            warm = ScanJob.run(spark, settings, uris, null, dir.resolve("out-warm-" + round).toString(), partitions, log);
            double sparkCpu = processCpuSeconds() - sc0;
            rounds.add(new double[] {d[0], warm.filesPerSecond(), d[1] / files.size(), sparkCpu / files.size()});
            log.printf(Locale.ROOT, "round %d (load average %.1f): lvnet detect %.2f files/s (%.3f CPU s/file), "
                    + "Spark local %.2f files/s (%.3f CPU s/file; tasks: read %.1f s, scan %.1f s, write %.1f s, their "
                    + "threads' CPU %.1f s; job %.1f s of %.1f s)%n", round, loadAverage(), d[0], d[1] / files.size(),
                    warm.filesPerSecond(), sparkCpu / files.size(), warm.readSeconds(), warm.scanSeconds(),
                    warm.writeSeconds(), warm.cpuSeconds(), warm.jobSeconds(), warm.seconds());
        }
        double diff = 0;
        for (Row r : spark.read().schema(ScanTables.FILES).parquet(dir.resolve("out-warm-1/files").toString()).collectAsList()) {
            FileResult a = ScanTables.result(r);
            FileResult b = single.get(a.path());
            if (a.fakeProbability() != null && b != null && b.fakeProbability() != null) {
                diff = Math.max(diff, Math.abs(a.fakeProbability() - b.fakeProbability()));
            }
        }
        double detectRate = median(rounds, 0);
        double sparkRate = median(rounds, 1);
        log.printf(Locale.ROOT, "median of %d rounds: lvnet detect %.2f files/s, Spark local %.2f files/s (%.2fx); "
                + "CPU s/file %.3f and %.3f%n", rounds.size(), detectRate, sparkRate, sparkRate / detectRate,
                median(rounds, 2), median(rounds, 3));
        log.printf(Locale.ROOT, "largest difference of a file's probability, Spark against detect: %.2e%n", diff);
        if (work == null) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return new Figures(files.size(), detectRate, cold.filesPerSecond(), sparkRate, cold, warm, diff);
    }

    /**
     * One pass of lvnet detect's scanner: a fresh model (its load not timed), libtorch and
     * OpenCV on every core, one file after another.
     *
     * @return files per second and process CPU seconds
     */
    private double[] detect(Path w, List<Path> files, int cores, Map<String, FileResult> results) throws IOException {
        int taskThreads = ExecutorRuntime.threads();
        JniUtils.setNumThreads(cores);
        opencv_core.setNumThreads(cores);
        // the precision the Spark run's executors pick (auto), so that both compute alike
        try (LvNetModel m = LvNetModel.load(w, 299).withPrecision(io.lvnet.detect.Precision.AUTO); FaceFinder finder = FaceFinder.configured(false, null, 1.3, false)) {
            FileScanner scanner = new FileScanner(m, finder, FrameSampling.evenly(frames), batch, null);
            double cpu0 = processCpuSeconds();
            long t0 = System.nanoTime();
            for (Path f : files) {
                results.put(HadoopFiles.uri(f), scanner.scan(f));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new double[] {files.size() / seconds, processCpuSeconds() - cpu0};
        } finally {
            if (taskThreads > 0) { // back to what the Spark tasks of this JVM (local mode) use
                JniUtils.setNumThreads(taskThreads);
                opencv_core.setNumThreads(taskThreads);
            }
        }
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
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
        long v = files.stream().filter(f -> io.lvnet.files.MediaType.of(f) == io.lvnet.files.MediaType.VIDEO).count();
        return (files.size() - v) + " pictures, " + v + " videos";
    }
}
