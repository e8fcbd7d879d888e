package io.lvnet.spark;

import io.lvnet.data.CanonicalDataset;
import io.lvnet.data.CanonicalDatasetWriter;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.PerThreadFaceDetectors;
import io.lvnet.data.Split;
import io.lvnet.data.prepare.Preparer;
import io.lvnet.data.prepare.VideoSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One prepare task: each video of the partition through {@link Preparer#prepareVideo}, as
 * {@code lvnet prepare} does it. On a local (or mounted) output the crops go straight into
 * place; on another file system a video is prepared into a local folder and uploaded, its
 * completion record last. Yields one {@link PrepareJob#OUTCOME} row per video.
 */
final class PreparePartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final PrepareJob.Settings settings;
    private final SerializableConf conf;
    private final String out;

    PreparePartition(PrepareJob.Settings settings, SerializableConf conf, String out) {
        this.settings = settings;
        this.conf = conf;
        this.out = out;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> videos) throws Exception {
        TaskContext task = TaskContext.get();
        int threads = settings.threads() > 0 ? settings.threads() : task == null ? 1 : task.cpus();
        ExecutorRuntime.startOpenCv(threads);
        Configuration c = conf.get();
        Path root = new Path(out);
        FileSystem fs = root.getFileSystem(c);
        boolean local = HadoopFiles.isLocal(fs);
        Preparer preparer = settings.preparer();
        List<Row> outcomes = new ArrayList<>();
        java.nio.file.Path tmp = Files.createTempDirectory("lvnet-prepare");
        try (PerThreadFaceDetectors detectors = new PerThreadFaceDetectors()) {
            while (videos.hasNext()) {
                Row v = videos.next();
                long t0 = System.nanoTime();
                String key = v.getString(PrepareJob.KEY);
                Path marker = PrepareJob.marker(root, key);
                if (fs.exists(marker)) { // an earlier attempt of this task finished it
                    outcomes.add(outcome(key, Preparer.State.SKIPPED, new String(HadoopFiles.read(fs, marker),
                            StandardCharsets.UTF_8), 0, List.of(), t0));
                    continue;
                }
                java.nio.file.Path work = Files.createTempDirectory(tmp, "video");
                Preparer.Outcome o;
                VideoSource s;
                try {
                    try {
                        s = source(v, c, work);
                    } catch (IOException | RuntimeException e) {
                        String m = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                        outcomes.add(outcome(key, Preparer.State.FAILED, "", 0,
                                List.of(v.getString(0) + ": " + m), t0));
                        continue;
                    }
                    if (local) {
                        java.nio.file.Path dir = java.nio.file.Path.of(root.toUri());
                        o = preparer.prepareVideo(s, CanonicalDatasetWriter.resume(dir), detectors);
                    } else {
                        java.nio.file.Path staging = work.resolve("out");
                        o = preparer.prepareVideo(s, CanonicalDatasetWriter.resume(staging), detectors);
                        upload(fs, staging, root, key);
                    }
                } finally {
                    delete(work);
                }
                List<String> problems = new ArrayList<>();
                for (String p : o.problems()) { // name the input, not a local copy of it
                    if (s.file().startsWith(work)) {
                        p = p.replace(s.file().toString(), v.getString(0));
                    }
                    if (s.maskVideo() != null && s.maskVideo().startsWith(work)) {
                        p = p.replace(s.maskVideo().toString(), v.getString(1));
                    }
                    problems.add(p);
                }
                outcomes.add(outcome(key, o.state(), CanonicalDataset.formatIndex(o.records()), o.facesNotFound(), problems, t0));
            }
        } finally {
            delete(tmp);
        }
        return outcomes.iterator();
    }

    /** The video of a row, with local files to read. */
    private static VideoSource source(Row v, Configuration c, java.nio.file.Path work) throws IOException {
        java.nio.file.Path file = HadoopFiles.localize(v.getString(0), c, work);
        java.nio.file.Path mask = v.isNullAt(1) ? null : HadoopFiles.localize(v.getString(1), c, work);
        return new VideoSource(file, mask, v.getInt(2), v.getString(3), CompressionLevel.of(v.getString(4)),
                Split.of(v.getString(5)), v.getString(6), v.getString(7), v.isNullAt(8) ? null : v.getString(8));
    }

    /** Copies a video's prepared files into the output, its completion record last. */
    private static void upload(FileSystem fs, java.nio.file.Path staging, Path root, String key) throws IOException {
        if (!Files.isDirectory(staging)) {
            return;
        }
        java.nio.file.Path record = staging.resolve(Preparer.STATE).resolve(key + ".csv");
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> all = Files.walk(staging)) {
            files = all.filter(Files::isRegularFile).filter(p -> !p.equals(record)).sorted().toList();
        }
        for (java.nio.file.Path f : files) {
            fs.copyFromLocalFile(false, true, new Path(f.toUri()), new Path(root, staging.relativize(f).toString()));
        }
        if (Files.isRegularFile(record)) {
            HadoopFiles.writeAtomically(fs, PrepareJob.marker(root, key), Files.readAllBytes(record),
                    PrepareJob.marker(root, key).getParent());
        }
    }

    private static Row outcome(String key, Preparer.State state, String index, long facesNotFound, List<String> problems,
            long t0) {
        return RowFactory.create(key, state.name(), index, facesNotFound,
                scala.jdk.javaapi.CollectionConverters.asScala(problems).toSeq(), (System.nanoTime() - t0) / 1e9);
    }

    private static void delete(java.nio.file.Path dir) throws IOException {
        try (Stream<java.nio.file.Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
