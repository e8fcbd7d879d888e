package io.lvnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameSampling;
import io.lvnet.data.prepare.FaceForensicsLayout;
import io.lvnet.data.prepare.PrepareOptions;
import io.lvnet.data.prepare.PrepareSummary;
import io.lvnet.data.prepare.Preparer;
import io.lvnet.progress.ProgressListener;
import io.lvnet.synth.Method;
import io.lvnet.synth.SynthGenerator;
import io.lvnet.synth.SynthOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prepare job in local mode on a synthetic FF++-style data set: the same canonical layout
 * as {@code lvnet prepare}, byte for byte, on the local disk and on another file system;
 * reruns redo only the unfinished videos; a broken video fails alone.
 */
class SparkPrepareTest {
    private static final int SIZE = 128;
    private static final PrepareJob.Settings SETTINGS = new PrepareJob.Settings(3, null, SIZE, 1.3, 0);

    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path synth;
    /** lvnet prepare's output. */
    static Path reference;

    @BeforeAll
    static void setUp() throws IOException {
        spark = LocalSpark.session();
        synth = dir.resolve("synth");
        new SynthGenerator(new SynthOptions(6, 1, 6, SIZE, 3, List.of(CompressionLevel.NONE), List.of(Method.DEEPFAKES),
                true, 2)).generate(synth, "test", done -> { });
        reference = dir.resolve("reference");
        PrepareSummary s = new Preparer(new PrepareOptions(FrameSampling.evenly(3), SIZE, 1.3, 2))
                .prepare(new FaceForensicsLayout(null).list(synth), reference, Map.of(), ProgressListener.NONE);
        assertEquals(12, s.prepared(), s.problems().toString());
    }

    /** Every file of a prepared folder but dataset.json (which names its generator), by relative path. */
    private static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString();
                if (!rel.equals("dataset.json") && !rel.endsWith(".crc")) {
                    out.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    private static void assertSameLayout(Path expected, Path actual) throws IOException {
        Map<String, byte[]> a = tree(expected);
        Map<String, byte[]> b = tree(actual);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k));
        JsonNode ja = new ObjectMapper().readTree(expected.resolve("dataset.json").toFile());
        JsonNode jb = new ObjectMapper().readTree(actual.resolve("dataset.json").toFile());
        assertEquals(ja.get("counts"), jb.get("counts"));
        assertEquals(ja.get("sampling"), jb.get("sampling"));
        assertEquals("ffpp", jb.get("dataset").asText());
    }

    @Test
    void writesWhatLvnetPrepareWritesAndResumes() throws IOException {
        Path out = dir.resolve("spark");
        PrepareSummary s = PrepareJob.run(spark, "ffpp", synth.toString(), null, out.toString(), SETTINGS, 0, System.out);
        assertEquals(12, s.prepared());
        assertEquals(0, s.failed());
        assertSameLayout(reference, out);

        // an interrupted job: two videos never finished, the index was never written
        List<Path> markers;
        try (Stream<Path> all = Files.walk(out.resolve(".prepare"))) {
            markers = all.filter(p -> p.toString().endsWith(".csv")).sorted().limit(2).toList();
        }
        for (Path m : markers) {
            Files.delete(m);
        }
        Files.delete(out.resolve("index.csv"));
        PrepareSummary again = PrepareJob.run(spark, "ffpp", synth.toString(), null, out.toString(), SETTINGS, 0, System.out);
        assertEquals(2, again.prepared());
        assertEquals(10, again.skipped());
        assertSameLayout(reference, out);
    }

    @Test
    void writesToAnyHadoopFileSystem() throws IOException {
        Path out = dir.resolve("remote");
        PrepareSummary s = PrepareJob.run(spark, "ffpp", synth.toString(), null, TestFs.uri(out), SETTINGS, 3, System.out);
        assertEquals(12, s.prepared());
        assertSameLayout(reference, out);
    }

    @Test
    void aBrokenVideoFailsAloneAndIsRetried() throws IOException {
        Path root = dir.resolve("folder");
        Path real = Files.createDirectories(root.resolve("real"));
        Path fake = Files.createDirectories(root.resolve("fake"));
        try (Stream<Path> all = Files.walk(synth.resolve("original_sequences"))) {
            Files.copy(all.filter(p -> p.toString().endsWith(".mp4")).sorted().findFirst().orElseThrow(), real.resolve("a.mp4"));
        }
        Files.write(fake.resolve("b.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 1, 2, 3});
        Path out = dir.resolve("folder-out");
        PrepareSummary s = PrepareJob.run(spark, "folder", root.toString(), null, out.toString(), SETTINGS, 0, System.out);
        assertEquals(1, s.prepared());
        assertEquals(1, s.failed());
        assertTrue(s.problems().get(0).contains("b.mp4"), s.problems().toString());
        assertEquals(3, s.index().size());
        PrepareSummary again = PrepareJob.run(spark, "folder", root.toString(), null, out.toString(), SETTINGS, 0, System.out);
        assertEquals(1, again.skipped());
        assertEquals(1, again.failed(), "failed videos are tried again");
    }
}
