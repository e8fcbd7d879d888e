package io.lvnet.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lvnet.data.FaceCrops;
import io.lvnet.data.FaceDetectorChoice;
import io.lvnet.data.FaceFinder;
import io.lvnet.landmarks.AligningFaceFinder;
import io.lvnet.landmarks.FaceAligner;
import io.lvnet.landmarks.ShapePredictorFile;
import io.lvnet.detect.FileResult;
import io.lvnet.detect.FileScanner;
import io.lvnet.files.MediaType;
import io.lvnet.progress.ProgressListener;
import io.lvnet.detect.LvNetModel;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One scan task: the partition's files in chunks of {@link ScanSettings#commitEvery()}, each
 * chunk scanned by {@link FileScanner} (faces of its files batched together) and written as one
 * Parquet file per table, committed by itself; yields one {@link ScanJob#SUMMARY} row per
 * chunk. A chunk already in the output (an earlier attempt of this task) is skipped.
 */
final class ScanPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final ScanSettings settings;
    private final SerializableConf conf;
    private final String out;

    ScanPartition(ScanSettings settings, SerializableConf conf, String out) {
        this.settings = settings;
        this.conf = conf;
        this.out = out;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> inputs) throws Exception {
        if (!inputs.hasNext()) {
            return java.util.Collections.emptyIterator();
        }
        TaskContext task = TaskContext.get();
        int threads = ExecutorRuntime.start(settings.threads() > 0 ? settings.threads() : task == null ? 1 : task.cpus());
        Configuration c = conf.get();
        java.nio.file.Path weights = HadoopFiles.shared(settings.weights(), c);
        long t0 = System.nanoTime();
        boolean cold = !ExecutorRuntime.loaded(weights, settings.inputSize());
        LvNetModel model = ExecutorRuntime.model(weights, settings.inputSize(), io.lvnet.detect.Precision.parse(settings.precision()));
        double loadSeconds = cold ? (System.nanoTime() - t0) / 1e9 : 0;
        List<java.nio.file.Path> detector = new ArrayList<>();
        for (String d : settings.detectorModel()) {
            detector.add(HadoopFiles.shared(d, c));
        }
        Path root = new Path(out);
        FileSystem fs = root.getFileSystem(c);
        String executor = SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId();
        long attempt = task == null ? 0 : task.taskAttemptId();
        List<Row> summaries = new ArrayList<>();
        java.nio.file.Path tmp = Files.createTempDirectory("lvnet-scan");
        try (FaceFinder finder = finder(settings, detector)) {
            FileScanner scanner = new FileScanner(model, finder, settings.sampling(), settings.batch(), null, threads)
                    .withVerdicts(settings.verdicts(model.calibration()));
            List<Row> chunk = new ArrayList<>();
            while (inputs.hasNext()) {
                chunk.add(inputs.next());
                if (chunk.size() == settings.commitEvery() || !inputs.hasNext()) {
                    summaries.add(chunk(chunk, scanner, fs, root, c, tmp, attempt, executor, loadSeconds));
                    loadSeconds = 0;
                    chunk = new ArrayList<>();
                }
            }
        } finally {
            delete(tmp);
        }
        return summaries.iterator();
    }

    private Row chunk(List<Row> rows, FileScanner scanner, FileSystem fs, Path root, Configuration c,
            java.nio.file.Path tmp, long attempt, String executor, double loadSeconds) throws IOException {
        List<String> ids = rows.stream().map(r -> r.getString(0)).toList();
        String name = InputIds.chunk(ids);
        Path marker = new Path(ScanJob.filesDir(root), name + ".parquet");
        if (fs.exists(marker)) {
            return summary(name, rows.size(), 0, 0, true, 0, 0, 0, loadSeconds, 0, executor);
        }
        long cpu0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        List<FileResult> results = new ArrayList<>(rows.size());
        List<java.nio.file.Path> local = new ArrayList<>();
        List<Integer> scanned = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String uri = rows.get(i).getString(1);
            results.add(null);
            try {
                local.add(HadoopFiles.localize(uri, c, tmp));
                scanned.add(i);
            } catch (IOException | RuntimeException e) {
                String type = MediaType.of(java.nio.file.Path.of(new Path(uri).getName())).label();
                String why = e instanceof FileNotFoundException ? "no such file" : oneLine(e);
                results.set(i, FileResult.failed(uri, type, uri + ": " + why));
            }
        }
        long t1 = System.nanoTime();
        List<FileResult> found = scanner.scan(local, ProgressListener.NONE);
        for (int k = 0; k < found.size(); k++) {
            int i = scanned.get(k);
            results.set(i, relabel(found.get(k), local.get(k).toString(), rows.get(i).getString(1)));
        }
        long t2 = System.nanoTime();
        for (java.nio.file.Path p : local) {
            if (p.startsWith(tmp)) {
                Files.deleteIfExists(p);
            }
        }
        List<Row> files = new ArrayList<>(rows.size());
        List<Row> faces = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < rows.size(); i++) {
            FileResult r = results.get(i);
            files.add(ScanTables.fileRow(ids.get(i), r));
            faces.addAll(ScanTables.faceRows(ids.get(i), r));
            failed += r.failed() ? 1 : 0;
        }
        Path tmpDir = ScanJob.tmpDir(root);
        String suffix = "." + attempt + ".tmp";
        if (settings.json()) {
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            for (FileResult r : results) {
                lines.write(JSON.writeValueAsBytes(r));
                lines.write('\n');
            }
            Path t = new Path(tmpDir, name + ".jsonl" + suffix);
            try (FSDataOutputStream o = fs.create(t, true)) {
                o.write(lines.toByteArray());
            }
            HadoopFiles.commit(fs, t, new Path(ScanJob.jsonDir(root), name + ".jsonl"));
        }
        Path t = new Path(tmpDir, name + ".faces.parquet" + suffix);
        ParquetChunks.write(c, t, ScanTables.FACES, faces);
        HadoopFiles.commit(fs, t, new Path(ScanJob.facesDir(root), name + ".parquet"));
        t = new Path(tmpDir, name + ".files.parquet" + suffix);
        ParquetChunks.write(c, t, ScanTables.FILES, files);
        HadoopFiles.commit(fs, t, marker); // last: the chunk is done
        long t3 = System.nanoTime();
        double cpu = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e9;
        return summary(name, rows.size(), failed, faces.size(), false, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                loadSeconds, cpu, executor);
    }

    /** The result under the input's URI instead of the local file scanned. */
    static FileResult relabel(FileResult r, String local, String uri) {
        String error = r.error() == null ? null : r.error().replace(local, uri);
        return r.withPath(uri, error);
    }

    private static Row summary(String chunk, int files, int failed, long faces, boolean skipped, double read, double scan,
            double write, double load, double cpu, String executor) {
        return RowFactory.create(chunk, files, failed, faces, skipped, read, scan, write, load, cpu, executor);
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private static void delete(java.nio.file.Path dir) {
        try (Stream<java.nio.file.Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /** The scan's face finder: {@code lvnet detect}'s, aligned with {@code --align}. */
    private static FaceFinder finder(ScanSettings settings, List<java.nio.file.Path> detector) throws IOException {
        if (!settings.align()) {
            return FaceFinder.configured(settings.wholeImage(), detector, settings.cropScale(), settings.largest());
        }
        FaceAligner aligner = new FaceAligner(ShapePredictorFile.read(ShapePredictorFile.defaultPath()));
        FaceDetectorChoice choice = detector.isEmpty() ? FaceDetectorChoice.DEFAULT : FaceDetectorChoice.files(detector);
        return new AligningFaceFinder(choice.open(), new FaceCrops(settings.cropScale(), FaceCrops.Border.SHIFT_AND_SHRINK),
                aligner, settings.largest());
    }
}
