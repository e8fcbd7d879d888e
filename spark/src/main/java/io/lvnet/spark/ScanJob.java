package io.lvnet.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The distributed {@code lvnet detect}: scans images and videos on any Hadoop file system into
 * Parquet tables (and JSON Lines), one model per executor JVM, files batched within a partition.
 *
 * <p>Output folder:
 * <pre>
 * OUT/files/chunk-*.parquet    one row per file ({@link ScanTables#FILES}): detect's JSON fields
 * OUT/faces/chunk-*.parquet    one row per face ({@link ScanTables#FACES})
 * OUT/json/chunk-*.jsonl       with --json: one line per file, an entry of detect's "files"
 * OUT/_lvnet_scan.json         what decides the results (weights digest, face options, sampling)
 * </pre>
 * A file that cannot be read is a row with its {@code error}, never lost. Idempotent: each
 * chunk of files is committed by the task that scanned it (its {@code files} part last); a run
 * into an existing output scans only the inputs whose {@code input_id} is not in
 * {@code files} yet, so rerunning after a failed job redoes only the chunks that did not
 * finish. A rerun with other result settings is refused. One job per output folder at a time.
 */
public final class ScanJob {
    /** One row per input: its id and URI. */
    static final StructType INPUT = new StructType()
            .add("input_id", DataTypes.StringType, false)
            .add("uri", DataTypes.StringType, false);

    /** What each task reports per chunk. */
    static final StructType SUMMARY = new StructType()
            .add("chunk", DataTypes.StringType, false)
            .add("files", DataTypes.IntegerType, false)
            .add("failed", DataTypes.IntegerType, false)
            .add("faces", DataTypes.LongType, false)
            .add("skipped", DataTypes.BooleanType, false)
            .add("read_s", DataTypes.DoubleType, false)
            .add("scan_s", DataTypes.DoubleType, false)
            .add("write_s", DataTypes.DoubleType, false)
            .add("model_load_s", DataTypes.DoubleType, false)
            .add("cpu_s", DataTypes.DoubleType, false)
            .add("executor", DataTypes.StringType, false);

    static final String SETTINGS = "_lvnet_scan.json";

    private ScanJob() {
    }

    static Path filesDir(Path root) {
        return new Path(root, "files");
    }

    static Path facesDir(Path root) {
        return new Path(root, "faces");
    }

    static Path jsonDir(Path root) {
        return new Path(root, "json");
    }

    static Path tmpDir(Path root) {
        return new Path(root, "_lvnet_tmp");
    }

    /**
     * What a run did.
     *
     * @param inputs files named by the inputs
     * @param done files whose results were in the output already (skipped)
     * @param scanned files scanned by this run
     * @param failed of those, files with an error row
     * @param faces faces scored by this run
     * @param partitions tasks of this run
     * @param seconds the run's wall time on the driver, listing included
     * @param jobSeconds the Spark job's wall time
     * @param readSeconds task time spent reading inputs (copies from remote file systems)
     * @param scanSeconds task time spent scanning (decoding, face detection, the network)
     * @param writeSeconds task time spent writing outputs
     * @param loadSeconds task time spent loading models (once per executor JVM)
     * @param cpuSeconds CPU time of the task threads while reading, scanning and writing (their
     *     libtorch, OpenCV and FFmpeg work runs on them when a task has one thread)
     */
    public record Summary(int inputs, int done, int scanned, int failed, long faces, int partitions, double seconds,
            double jobSeconds, double readSeconds, double scanSeconds, double writeSeconds, double loadSeconds,
            double cpuSeconds) {
        /** Files scanned per second of the run. */
        public double filesPerSecond() {
            return scanned / seconds;
        }
    }

    /**
     * Scans {@code inputs} (paths, URIs, directories, globs) and the files listed in
     * {@code listFile} into {@code out}.
     *
     * @param partitions tasks to spread the files over; 0: four per core of the cluster (so
     *     that tasks of unequal length even out), more where needed for one chunk per task
     */
    public static Summary run(SparkSession spark, ScanSettings settings, List<String> inputs, String listFile, String out,
            int partitions, PrintStream log) throws IOException {
        long start = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path root = new Path(out);
        FileSystem fs = root.getFileSystem(conf);
        root = fs.makeQualified(root);
        fs.mkdirs(root);
        checkSettings(fs, root, settings.resultSettings(digest(HadoopFiles.shared(settings.weights(), conf))));
        cleanUp(fs, root);

        List<String> uris = HadoopFiles.listInputs(inputs, listFile, conf);
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("no images or videos found in " + inputs
                    + (listFile == null ? "" : " and " + listFile));
        }
        Set<String> done = doneIds(spark, fs, root);
        TreeMap<String, String> todo = new TreeMap<>(); // by id: similar files spread over partitions
        for (String u : uris) {
            String id = InputIds.of(u);
            if (!done.contains(id)) {
                todo.put(id, u);
            }
        }
        int alreadyDone = uris.size() - todo.size();
        if (todo.isEmpty()) {
            double s = (System.nanoTime() - start) / 1e9;
            log.printf(Locale.ROOT, "lvnet-spark scan: all %d files are in %s already; nothing to do%n", uris.size(), root);
            return new Summary(uris.size(), alreadyDone, 0, 0, 0, 0, s, 0, 0, 0, 0, 0, 0);
        }
        List<Row> rows = new ArrayList<>(todo.size());
        todo.forEach((id, u) -> rows.add(RowFactory.create(id, u)));
        int n = partitions > 0 ? partitions
                : Math.max(4 * spark.sparkContext().defaultParallelism(),
                        (rows.size() + settings.commitEvery() - 1) / settings.commitEvery());
        n = Math.max(1, Math.min(n, rows.size()));
        log.printf(Locale.ROOT, "lvnet-spark scan: %d files (%d done before), %d tasks, into %s%n", uris.size(), alreadyDone,
                n, root);

        long jobStart = System.nanoTime();
        JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, n);
        spark.sparkContext().setJobDescription("lvnet scan: " + rows.size() + " files into " + root);
        List<Row> chunks = spark.createDataFrame(rdd, INPUT)
                .mapPartitions(new ScanPartition(settings, new SerializableConf(conf), root.toString()),
                        Encoders.row(SUMMARY))
                .collectAsList();
        double jobSeconds = (System.nanoTime() - jobStart) / 1e9;
        fs.delete(tmpDir(root), true);
        int scanned = 0;
        int failed = 0;
        long faces = 0;
        double read = 0;
        double scan = 0;
        double write = 0;
        double load = 0;
        double cpu = 0;
        for (Row c : chunks) {
            scanned += c.getInt(1);
            failed += c.getInt(2);
            faces += c.getLong(3);
            read += c.getDouble(5);
            scan += c.getDouble(6);
            write += c.getDouble(7);
            load += c.getDouble(8);
            cpu += c.getDouble(9);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Summary s = new Summary(uris.size(), alreadyDone, scanned, failed, faces, n, seconds, jobSeconds, read, scan, write,
                load, cpu);
        log.printf(Locale.ROOT, "lvnet-spark scan: %d files scanned (%d failed: see their error column), %d faces; "
                + "%.1f s, %.2f files/s%n", scanned, failed, faces, seconds, s.filesPerSecond());
        log.printf(Locale.ROOT, "  task time: reading %.1f s, scanning %.1f s, writing %.1f s, model loads %.1f s; "
                + "task threads' CPU %.1f s%n", read, scan, write, load, cpu);
        return s;
    }

    /** The ids of the files whose results are in the output. */
    static Set<String> doneIds(SparkSession spark, FileSystem fs, Path root) throws IOException {
        Path files = filesDir(root);
        if (!fs.exists(files) || fs.listStatus(files, p -> p.getName().endsWith(".parquet")).length == 0) {
            return Set.of();
        }
        Set<String> done = new HashSet<>();
        for (Row r : spark.read().schema(ScanTables.FILES).parquet(files.toString()).select("input_id").collectAsList()) {
            done.add(r.getString(0));
        }
        return done;
    }

    /**
     * Removes what an interrupted run left: files being written, and {@code faces}/{@code json}
     * chunks whose {@code files} chunk (written last) never landed.
     */
    private static void cleanUp(FileSystem fs, Path root) throws IOException {
        fs.delete(tmpDir(root), true);
        Set<String> committed = new HashSet<>();
        if (fs.exists(filesDir(root))) {
            for (FileStatus s : fs.listStatus(filesDir(root))) {
                committed.add(stem(s.getPath().getName()));
            }
        }
        for (Path dir : new Path[] {facesDir(root), jsonDir(root)}) {
            if (!fs.exists(dir)) {
                continue;
            }
            for (FileStatus s : fs.listStatus(dir)) {
                if (s.getPath().getName().startsWith("chunk-") && !committed.contains(stem(s.getPath().getName()))) {
                    fs.delete(s.getPath(), false);
                }
            }
        }
    }

    private static String stem(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** Records the result settings, or refuses an output made with other ones. */
    private static void checkSettings(FileSystem fs, Path root, Map<String, Object> settings) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path file = new Path(root, SETTINGS);
        Map<String, Object> wanted = new LinkedHashMap<>();
        wanted.put("format", "lvnet-spark-scan");
        // 2: faces carry verdicts, people and quality; files their SHA-256 and people
        wanted.put("format_version", 2);
        // results of another lvnet may differ: a scan is not resumed across versions
        wanted.put("lvnet_version", io.lvnet.provenance.LvnetVersion.current());
        wanted.putAll(settings);
        wanted = json.readValue(json.writeValueAsBytes(wanted), LinkedHashMap.class); // as it reads back
        if (fs.exists(file)) {
            Map<?, ?> before = json.readValue(HadoopFiles.read(fs, file), LinkedHashMap.class);
            if (!before.equals(wanted)) {
                throw new IllegalArgumentException(root + " holds results made with other settings (" + SETTINGS + ": "
                        + json.writeValueAsString(before).replaceAll("\\s+", " ") + "); scan into a new folder");
            }
            return;
        }
        if (fs.listStatus(root).length > 0) {
            throw new IllegalArgumentException(root + " is not empty and not an lvnet-spark scan output; choose a new folder");
        }
        HadoopFiles.writeAtomically(fs, file, json.writeValueAsBytes(wanted), root);
    }

    /** SHA-256 of a file, in hex. */
    static String digest(java.nio.file.Path file) throws IOException {
        return io.lvnet.provenance.Sha256.of(file);
    }
}
