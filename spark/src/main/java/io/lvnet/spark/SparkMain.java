package io.lvnet.spark;

import io.lvnet.cli.FaceCropOptions;
import io.lvnet.cli.FrameSamplingOptions;
import io.lvnet.cli.LvnetCommand;
import io.lvnet.cli.OperatingPointOption;
import io.lvnet.cli.PrepareSourceOptions;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lvnet-spark}: the jobs, for {@code spark-submit --class io.lvnet.spark.SparkMain}.
 * Without a master (plain {@code java}), runs in local mode on every core.
 */
@Command(name = "lvnet-spark", mixinStandardHelpOptions = true, versionProvider = SparkMain.Version.class,
        subcommands = {SparkMain.Scan.class, SparkMain.Prepare.class, ScanBenchmark.class},
        description = "lvnet on Apache Spark: scan images and videos, prepare data sets, measure.")
public final class SparkMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } finally {
            scala.Option<SparkSession> s = SparkSession.getDefaultSession();
            if (s.isDefined()) {
                s.get().stop();
            }
        }
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs a command; 0 ok, 1 failed, 2 bad usage. */
    public static int run(String... args) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        io.lvnet.cli.DebugSwitch.applyToLogging();
        CommandLine cli = new CommandLine(new SparkMain());
        io.lvnet.cli.HelpParagraphs.apply(cli);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("lvnet-spark: " + e.getMessage());
                return 2;
            }
            if (io.lvnet.cli.DebugSwitch.on()) {
                e.printStackTrace(cmd.getErr());
            }
            String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            cmd.getErr().println("lvnet-spark: error: " + e.getClass().getSimpleName() + ": " + m);
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The session spark-submit configured, or a local one on every core. */
    static SparkSession session(String app) {
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (!conf.contains("spark.app.name")) {
            conf.setAppName(app);
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lvnet-spark " + LvnetCommand.version() + ", Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()};
        }
    }

    /** {@code scan}: the distributed {@code lvnet detect}. */
    @Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Scan images and videos into Parquet tables (lvnet detect).",
            description = {
                "Scan images and videos on any Hadoop file system as lvnet detect does, into",
                "Parquet tables: OUT/files (one row per file, detect's JSON fields) and",
                "OUT/faces (one row per face); with --json also OUT/json (JSON Lines).",
                "Unreadable files get a row with their error. Rerun into the same OUT to",
                "scan only the files not there yet."})
    static final class Scan implements Callable<Integer> {
        @Option(names = {"-w", "--weights"}, required = true, paramLabel = "FILE",
                description = "Weights: the name of a file shipped with --files, or a path or URI every executor can read.")
        String weights;

        @Option(names = "--input-size", defaultValue = "299", paramLabel = "PX",
                description = "Input size of a PyTorch checkpoint (default: ${DEFAULT-VALUE}).")
        int inputSize;

        @Parameters(arity = "0..*", paramLabel = "INPUT", description = "Files, directories (searched recursively), globs; paths or URIs.")
        List<String> inputs;

        @Option(names = "--list", paramLabel = "FILE", description = "A file listing inputs, one per line.")
        String list;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (path or URI).")
        String out;

        @Mixin
        FaceCropOptions faces;

        @Option(names = "--detector-model", paramLabel = "FILE", split = ",",
                description = "A DNN face detector: a YuNet .onnx, or deploy.prototxt,model.caffemodel (names shipped with --files, or paths).")
        List<String> detectorModel;

        @Mixin
        FrameSamplingOptions frames;

        @Option(names = "--batch", defaultValue = "8", paramLabel = "N", description = "Faces per forward pass (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--precision", defaultValue = "auto", paramLabel = "auto|fp32|bf16",
                description = "As lvnet detect's: auto (the default) lets each executor pick bf16 where its CPU has AVX512-BF16 or AMX.")
        String precision;

        @Option(names = "--json", description = "Also write JSON Lines: one line per file, an entry of lvnet detect --json.")
        boolean json;

        @Mixin
        OperatingPointOption operatingPoint;

        @Option(names = "--commit-every", defaultValue = "64", paramLabel = "N",
                description = "Files per output chunk, each committed by itself (default: ${DEFAULT-VALUE}).")
        int commitEvery;

        @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
                description = "Tasks (default: four per core, or one per chunk if more).")
        int partitions;

        @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
                description = "Threads per task for libtorch, OpenCV, FFmpeg (default: spark.task.cpus).")
        int threads;

        @Override
        public Integer call() throws Exception {
            if ((inputs == null || inputs.isEmpty()) && list == null) {
                throw new IllegalArgumentException("give inputs or --list");
            }
            ScanSettings settings = new ScanSettings(weights, inputSize, faces.wholeImage(), faces.largest(), detectorModel,
                    faces.cropScale(), frames.frames(), frames.fps(), batch, threads, commitEvery, json, operatingPoint.name(),
                    faces.align(), precision);
            SparkSession spark = session("lvnet-spark scan");
            ScanJob.run(spark, settings, inputs, list, out, partitions, System.out);
            return 0;
        }
    }

    /** {@code prepare}: the distributed {@code lvnet prepare}. */
    @Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Turn a data set's videos into crops, masks and an index.",
            description = {
                "lvnet prepare on Spark: the videos are spread over tasks; the output is the",
                "canonical layout lvnet prepare writes (and either resumes the other's).",
                "--root must be a folder the driver and the executors read at the same path;",
                "--out may be any Hadoop URI."})
    static final class Prepare implements Callable<Integer> {
        @Mixin
        PrepareSourceOptions source;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (path or URI).")
        String out;

        @Option(names = "--partitions", defaultValue = "0", paramLabel = "N", description = "Tasks (default: four per core).")
        int partitions;

        @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "OpenCV threads per task (default: spark.task.cpus).")
        int threads;

        @Override
        public Integer call() throws Exception {
            PrepareJob.Settings settings = new PrepareJob.Settings(source.frames(), source.every(), source.size(),
                    source.cropScale(), threads, source.align());
            SparkSession spark = session("lvnet-spark prepare");
            PrepareJob.run(spark, source.dataset(), source.root(), source.splits(), out, settings, partitions, System.out);
            return 0;
        }
    }
}
