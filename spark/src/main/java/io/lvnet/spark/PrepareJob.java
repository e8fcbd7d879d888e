package io.lvnet.spark;

import io.lvnet.cli.LvnetCommand;
import io.lvnet.data.CanonicalDataset;
import io.lvnet.data.CanonicalDatasetWriter;
import io.lvnet.data.CanonicalLayout;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.FrameSampling;
import io.lvnet.data.prepare.DatasetLayouts;
import io.lvnet.data.prepare.DatasetListing;
import io.lvnet.data.prepare.PrepareOptions;
import io.lvnet.data.prepare.PrepareSummary;
import io.lvnet.data.prepare.Preparer;
import io.lvnet.data.prepare.VideoSource;
import io.lvnet.landmarks.FaceAligner;
import io.lvnet.landmarks.ShapePredictorFile;
import io.lvnet.regions.PartLocator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The distributed {@code lvnet prepare}: the data set's videos are listed on the driver (the
 * layouts of {@code lvnet prepare}), spread over tasks, each prepared by
 * {@link Preparer#prepareVideo} into the canonical layout; then the driver writes
 * {@code index.csv} and {@code dataset.json} from every finished video's rows. The output is
 * the one {@code lvnet prepare} writes, and either can resume the other's: a video with a
 * completion record ({@code OUT/.prepare/<compression>/<method>/<video>.csv}) is skipped,
 * failed videos are tried again. The output may be on any Hadoop file system (videos are then
 * prepared in a local folder and uploaded); the data set's root must be a folder the driver
 * and the executors read at the same path (local mode, or a shared mount).
 */
public final class PrepareJob {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareJob.class);
    /** The columns of a video row. */
    static final StructType VIDEO = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("mask", DataTypes.StringType, true)
            .add("label", DataTypes.IntegerType, false)
            .add("method", DataTypes.StringType, false)
            .add("compression", DataTypes.StringType, false)
            .add("split", DataTypes.StringType, false)
            .add("video", DataTypes.StringType, false)
            .add("identity", DataTypes.StringType, false)
            .add("source_identity", DataTypes.StringType, true)
            .add("key", DataTypes.StringType, false);
    static final int KEY = 9;

    /** What each task reports per video. */
    static final StructType OUTCOME = new StructType()
            .add("key", DataTypes.StringType, false)
            .add("state", DataTypes.StringType, false)
            .add("index", DataTypes.StringType, false)
            .add("faces_not_found", DataTypes.LongType, false)
            .add("problems", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("seconds", DataTypes.DoubleType, false);

    /**
     * How videos become crops: {@code lvnet prepare}'s options.
     *
     * @param frames evenly spaced frames per video, or null
     * @param every every k-th frame instead, or null
     * @param threads threads per task for OpenCV; 0: {@code spark.task.cpus}
     * @param align align faces on dlib's landmarks ({@code --align}); every executor reads dlib's model
     *     where {@link ShapePredictorFile#defaultPath()} says
     */
    public record Settings(Integer frames, Integer every, int size, double scale, int threads, boolean align)
            implements Serializable {
        public Settings {
            new PrepareOptions(FrameSampling.fromOptions(frames, every), size, scale, 1); // checks the values
        }

        /** Box crops. */
        public Settings(Integer frames, Integer every, int size, double scale, int threads) {
            this(frames, every, size, scale, threads, false);
        }

        /** A task's preparer: face-box regions, aligned faces with {@code --align}. */
        Preparer preparer() throws IOException {
            PrepareOptions options = new PrepareOptions(sampling(), size, scale, 1);
            return align ? new Preparer(options, PartLocator.geometric(), "face-box geometry (no landmarks)",
                    new FaceAligner(ShapePredictorFile.read(ShapePredictorFile.defaultPath()))) : new Preparer(options);
        }

        FrameSampling sampling() {
            return FrameSampling.fromOptions(frames, every);
        }
    }

    private PrepareJob() {
    }

    /** A video's completion record. */
    static Path marker(Path root, String key) {
        return new Path(new Path(root, Preparer.STATE), key + ".csv");
    }

    /**
     * Prepares the data set at {@code root} into {@code out}.
     *
     * @param partitions tasks to spread the videos over; 0: four per core of the cluster
     */
    public static PrepareSummary run(SparkSession spark, String dataset, String root, String splits, String out,
            Settings settings, int partitions, PrintStream log) throws IOException {
        long start = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        java.nio.file.Path rootDir = localFolder(root, "--root");
        java.nio.file.Path splitsDir = splits == null ? null : localFolder(splits, "--splits");
        DatasetListing listing = DatasetLayouts.named(dataset, splitsDir).list(rootDir);
        List<VideoSource> sources = listing.videos();

        Path outPath = new Path(out);
        FileSystem fs = outPath.getFileSystem(conf);
        outPath = fs.makeQualified(outPath);
        Path state = new Path(outPath, Preparer.STATE);
        if (fs.exists(outPath) && !fs.exists(state) && fs.listStatus(outPath).length > 0) {
            throw new IllegalArgumentException(outPath + " is not empty and not an lvnet prepare output; "
                    + "choose a new output folder");
        }
        fs.mkdirs(state);
        Set<String> finished = finished(fs, state);

        List<Row> todo = new ArrayList<>();
        for (VideoSource s : sources) {
            if (!finished.contains(s.key())) {
                todo.add(RowFactory.create(HadoopFiles.uri(s.file()), s.maskVideo() == null ? null : HadoopFiles.uri(s.maskVideo()),
                        s.label(), s.method(), s.compression().id(), s.split().id(), s.video(), s.identity(),
                        s.sourceIdentity(), s.key()));
            }
        }
        int skipped = sources.size() - todo.size();
        log.printf(Locale.ROOT, "lvnet-spark prepare: %d videos (%d finished before) into %s%n", sources.size(), skipped,
                outPath);
        Map<String, Row> outcomes = new HashMap<>();
        if (!todo.isEmpty()) {
            int n = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism() * 4;
            n = Math.max(1, Math.min(n, todo.size()));
            JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(todo, n);
            spark.sparkContext().setJobDescription("lvnet prepare: " + todo.size() + " videos into " + outPath);
            for (Row r : spark.createDataFrame(rdd, VIDEO)
                    .mapPartitions(new PreparePartition(settings, new SerializableConf(conf), outPath.toString()),
                            Encoders.row(OUTCOME))
                    .collectAsList()) {
                outcomes.put(r.getString(0), r);
            }
        }

        int prepared = 0;
        int failed = 0;
        long frames = 0;
        long missing = 0;
        List<String> problems = new ArrayList<>(listing.problems());
        List<FrameRecord> records = new ArrayList<>();
        for (VideoSource s : sources) {
            Row o = outcomes.get(s.key());
            if (o == null) { // finished before this run
                records.addAll(CanonicalDataset.parseIndex(
                        new String(HadoopFiles.read(fs, marker(outPath, s.key())), StandardCharsets.UTF_8),
                        marker(outPath, s.key()).toString()));
                continue;
            }
            Preparer.State st = Preparer.State.valueOf(o.getString(1));
            List<FrameRecord> rows = o.getString(2).isEmpty() ? List.of()
                    : CanonicalDataset.parseIndex(o.getString(2), s.key());
            switch (st) {
                case PREPARED -> {
                    prepared++;
                    frames += rows.size();
                }
                case SKIPPED -> skipped++;
                case FAILED -> failed++;
            }
            missing += o.getLong(3);
            problems.addAll(o.getList(4));
            records.addAll(rows);
        }

        Map<String, Object> description = new LinkedHashMap<>();
        description.put("generator", "lvnet-spark prepare " + LvnetCommand.version());
        description.put("dataset", dataset);
        description.put("root", rootDir.toAbsolutePath().toString());
        if (splitsDir != null) {
            description.put("splits", splitsDir.toAbsolutePath().toString());
        }
        Preparer preparer = new Preparer(new PrepareOptions(settings.sampling(), settings.size(), settings.scale(), 1));
        Map<String, Object> written = preparer.description(description, failed);
        if (settings.align()) {
            written.put("alignment", Preparer.ALIGNMENT);
        }
        written.put("dataset_problems", listing.problems().size());
        List<FrameRecord> index = writeIndex(fs, outPath, records, written);
        PrepareSummary summary = new PrepareSummary(sources.size(), prepared, skipped, failed, frames, missing,
                listing.problems().size(), List.copyOf(problems), index, (System.nanoTime() - start) / 1e9);
        summary.problems().forEach(p -> LOG.warn("{}", p));
        log.printf(Locale.ROOT, "videos: %d done, %d skipped (finished before), %d failed, of %d; "
                + "frames written: %d; faces not found: %d%n", summary.prepared(), summary.skipped(), summary.failed(),
                summary.videos(), summary.framesWritten(), summary.facesNotFound());
        log.printf(Locale.ROOT, "wrote %s (%d frames in the index); %.1f s, %.1f frames/s%n", outPath, index.size(),
                summary.seconds(), summary.framesPerSecond());
        return summary;
    }

    /** The keys of the videos with a completion record. */
    private static Set<String> finished(FileSystem fs, Path state) throws IOException {
        Set<String> out = new HashSet<>();
        String prefix = state.toUri().getPath() + "/";
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(state, true);
        while (it.hasNext()) {
            String p = it.next().getPath().toUri().getPath();
            if (p.endsWith(".csv") && p.startsWith(prefix)) {
                out.add(p.substring(prefix.length(), p.length() - ".csv".length()));
            }
        }
        return out;
    }

    /** Writes {@code index.csv} (last) and {@code dataset.json} as {@link CanonicalDatasetWriter#finish} does. */
    private static List<FrameRecord> writeIndex(FileSystem fs, Path root, List<FrameRecord> records,
            Map<String, Object> description) throws IOException {
        if (HadoopFiles.isLocal(fs)) {
            CanonicalDatasetWriter w = CanonicalDatasetWriter.resume(java.nio.file.Path.of(root.toUri()));
            records.forEach(w::add);
            return w.finish(description);
        }
        java.nio.file.Path staging = Files.createTempDirectory("lvnet-prepare-index");
        try {
            CanonicalDatasetWriter w = CanonicalDatasetWriter.resume(staging);
            records.forEach(w::add);
            List<FrameRecord> index = w.finish(description);
            Path state = new Path(root, Preparer.STATE);
            for (String name : new String[] {CanonicalLayout.DESCRIPTION, CanonicalLayout.INDEX}) {
                HadoopFiles.writeAtomically(fs, new Path(root, name), Files.readAllBytes(staging.resolve(name)), state);
            }
            return index;
        } finally {
            try (Stream<java.nio.file.Path> all = Files.walk(staging)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A folder on the driver's file system. */
    private static java.nio.file.Path localFolder(String spec, String option) throws IOException {
        Path p = new Path(spec);
        String scheme = p.toUri().getScheme();
        if (scheme != null && !scheme.equals("file")) {
            throw new IllegalArgumentException(option + " must be a local or mounted folder that the driver and the "
                    + "executors read at the same path (the output may be on any Hadoop file system): " + spec);
        }
        java.nio.file.Path local = scheme == null ? java.nio.file.Path.of(spec) : java.nio.file.Path.of(p.toUri());
        if (!Files.isDirectory(local)) {
            throw new NoSuchFileException(spec, null, "not a folder");
        }
        return local.toAbsolutePath();
    }
}
