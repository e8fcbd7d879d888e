package io.lvnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.cli.Main;
import io.lvnet.data.CompressionLevel;
import io.lvnet.detect.DetectionReport;
import io.lvnet.detect.FaceResult;
import io.lvnet.detect.FileResult;
import io.lvnet.detect.FrameResult;
import io.lvnet.model.LvNetConfig;
import io.lvnet.detect.LvNetModel;
import io.lvnet.synth.Method;
import io.lvnet.synth.SynthGenerator;
import io.lvnet.synth.SynthOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan job in local mode on synthetic pictures and videos: the same results as
 * {@code lvnet detect}, error rows for files that cannot be read, and reruns that redo only
 * what is missing.
 */
class SparkScanTest {
    private static final int FRAMES = 4;

    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path weights;
    /** The local files: pictures, videos, a corrupt picture and video, a missing file. */
    static List<Path> local;
    /** The inputs as the job gets them: the local files, and two read through another file system. */
    static List<String> inputs;
    /** Input URI to the local file with its content. */
    static Map<String, Path> contentOf = new HashMap<>();
    static Map<Path, FileResult> detected = new HashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        spark = LocalSpark.session();
        weights = dir.resolve("compact.safetensors");
        try (LvNetModel m = LvNetModel.create(LvNetConfig.compact())) {
            m.save(weights);
        }
        Path synth = dir.resolve("synth");
        new SynthGenerator(new SynthOptions(2, 1, 6, 128, 5, List.of(CompressionLevel.LIGHT), List.of(Method.FACESWAP),
                true, 2)).generate(synth, "test", done -> { });
        List<Path> all;
        try (Stream<Path> s = Files.walk(synth)) {
            all = s.filter(Files::isRegularFile).sorted().toList();
        }
        local = new ArrayList<>();
        all.stream().filter(p -> p.toString().contains("/frames/") && p.toString().endsWith(".png")).limit(5).forEach(local::add);
        all.stream().filter(p -> p.toString().endsWith(".mp4") && !p.toString().contains("/masks/")).limit(2).forEach(local::add);
        assertEquals(7, local.size());
        local.add(Files.write(dir.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2}));
        local.add(Files.write(dir.resolve("broken.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 1, 2, 3}));
        local.add(dir.resolve("missing.jpg"));

        inputs = new ArrayList<>();
        for (Path p : local) {
            inputs.add(HadoopFiles.uri(p));
            contentOf.put(HadoopFiles.uri(p), p);
        }
        // a picture and a video again, from "another file system": copied to the executor first
        Path remote = Files.createDirectories(dir.resolve("remote"));
        for (Path p : List.of(local.get(0), local.get(5))) {
            Path copy = Files.copy(p, remote.resolve("r_" + p.getFileName()));
            inputs.add(TestFs.uri(copy));
            contentOf.put(TestFs.uri(copy), p);
        }

        // lvnet detect on the same files (one JSON document)
        List<String> args = new ArrayList<>(List.of("detect", "-w", weights.toString(), "--frames", Integer.toString(FRAMES),
                "--json"));
        local.forEach(p -> args.add(p.toString()));
        PrintStream before = System.out;
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(json, true, StandardCharsets.UTF_8));
            status = Main.run(args.toArray(String[]::new));
        } finally {
            System.setOut(before);
        }
        assertEquals(1, status, "detect reports the failed files with status 1");
        List<FileResult> files = DetectionReport.fromJson(json.toString(StandardCharsets.UTF_8)).files();
        for (int i = 0; i < local.size(); i++) {
            detected.put(local.get(i), files.get(i));
        }
    }

    private static ScanSettings settings() {
        return new ScanSettings(weights.toString(), 299, false, false, List.of(), 1.3, FRAMES, null, 8, 0, 3, true);
    }

    private static List<Row> table(Path out, String name) {
        return spark.read().schema(name.equals("files") ? ScanTables.FILES : ScanTables.FACES)
                .parquet(out.resolve(name).toString()).collectAsList();
    }

    @Test
    void resultsEqualLvnetDetectsAndBrokenFilesAreErrorRows() throws Exception {
        Path out = dir.resolve("scan");
        ScanJob.Summary s = ScanJob.run(spark, settings(), inputs, null, out.toString(), 0, System.out);
        assertEquals(inputs.size(), s.scanned());
        assertEquals(3, s.failed(), "the corrupt picture and video and the missing file");

        List<Row> rows = table(out, "files");
        assertEquals(inputs.size(), rows.size());
        long faces = 0;
        int withFaces = 0;
        for (Row row : rows) {
            FileResult spark = ScanTables.result(row);
            assertEquals(InputIds.of(spark.path()), row.getString(0));
            Path content = contentOf.get(spark.path());
            assertNotNull(content, spark.path());
            FileResult detect = detected.get(content);
            assertSame(detect, spark, HadoopFiles.uri(content).equals(spark.path()) ? content.toString() : null);
            faces += spark.faces().size() + (spark.frames() == null ? 0
                    : spark.frames().stream().mapToLong(f -> f.faces().size()).sum());
            withFaces += spark.fakeProbability() != null ? 1 : 0;
        }
        assertTrue(withFaces >= 7, "faces are found in the synthetic pictures and videos: " + withFaces);
        assertEquals(faces, s.faces());
        assertEquals(faces, table(out, "faces").size());

        // the error rows name the input
        Map<String, String> errors = new HashMap<>();
        rows.forEach(r -> errors.put(r.getString(1), r.isNullAt(5) ? null : r.getString(5)));
        for (int i = 7; i < 10; i++) {
            String uri = HadoopFiles.uri(local.get(i));
            assertTrue(errors.get(uri).contains(uri), errors.get(uri));
        }
        assertTrue(errors.get(HadoopFiles.uri(local.get(9))).endsWith("no such file"));

        // JSON Lines: each line an entry of detect's document
        List<String> lines = new ArrayList<>();
        try (Stream<Path> json = Files.list(out.resolve("json"))) {
            for (Path p : json.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                lines.addAll(Files.readAllLines(p));
            }
        }
        assertEquals(inputs.size(), lines.size());
        FileResult first = DetectionReport.fromJson("{\"files\": [" + lines.get(0) + "]}").files().get(0);
        assertSame(detected.get(contentOf.get(first.path())), first, null);
    }

    /** Same file, verdicts, boxes, frames; scores within 1e-5 (other batches, other thread counts). */
    private static void assertSame(FileResult detect, FileResult spark, String detectPath) {
        String where = spark.path();
        if (detectPath != null) {
            assertEquals(detectPath, detect.path());
        }
        assertEquals(detect.type(), spark.type(), where);
        if (detect.error() != null) {
            String local = contentOf.get(spark.path()).toString();
            assertNotNull(spark.error(), where);
            if (detectPath != null) {
                assertEquals(detect.error().replace(local, spark.path()), spark.error());
            }
            return;
        }
        assertNull(spark.error(), where);
        assertFaces(detect.faces(), spark.faces(), where);
        assertClose(detect.fakeProbability(), spark.fakeProbability(), where);
        assertClose(detect.maxFacesProbability(), spark.maxFacesProbability(), where);
        if (detect.frames() == null) {
            assertNull(spark.frames(), where);
            return;
        }
        assertEquals(detect.frames().size(), spark.frames().size(), where);
        assertEquals(detect.people().size(), spark.people().size(), where);
        for (int i = 0; i < detect.people().size(); i++) {
            assertEquals(detect.people().get(i).verdict(), spark.people().get(i).verdict(), where);
            assertEquals(detect.people().get(i).timeline().size(), spark.people().get(i).timeline().size(), where);
            assertEquals(detect.people().get(i).fakeProbability(), spark.people().get(i).fakeProbability(), 1e-5, where);
        }
        for (int i = 0; i < detect.frames().size(); i++) {
            FrameResult a = detect.frames().get(i);
            FrameResult b = spark.frames().get(i);
            assertEquals(a.index(), b.index(), where);
            assertEquals(a.timeSeconds(), b.timeSeconds(), 1e-9, where);
            assertClose(a.fakeProbability(), b.fakeProbability(), where);
            assertFaces(a.faces(), b.faces(), where + " frame " + a.index());
        }
    }

    private static void assertFaces(List<FaceResult> a, List<FaceResult> b, String where) {
        assertEquals(a.size(), b.size(), where);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).box(), b.get(i).box(), where);
            assertEquals(a.get(i).fakeProbability(), b.get(i).fakeProbability(), 1e-5, where);
            assertArrayEquals(a.get(i).logits(), b.get(i).logits(), 1e-5f, where);
            // the judgement travels too: verdict, person, quality
            assertEquals(a.get(i).verdict(), b.get(i).verdict(), where);
            assertEquals(a.get(i).person(), b.get(i).person(), where);
            assertEquals(a.get(i).quality().facePx(), b.get(i).quality().facePx(), where);
            assertEquals(a.get(i).quality().blockiness(), b.get(i).quality().blockiness(), 1e-9, where);
            assertArrayEquals(a.get(i).inputToImage(), b.get(i).inputToImage(), 1e-9, where);
            assertEquals(a.get(i).patchMap().length, b.get(i).patchMap().length, where);
            for (int r = 0; r < a.get(i).patchMap().length; r++) {
                assertArrayEquals(a.get(i).patchMap()[r], b.get(i).patchMap()[r], 1e-5f, where);
            }
        }
    }

    private static void assertClose(Float a, Float b, String where) {
        if (a == null) {
            assertNull(b, where);
        } else {
            assertNotNull(b, where);
            assertEquals(a, b, 1e-5, where);
        }
    }

    @Test
    void rerunsScanOnlyWhatIsMissing() throws Exception {
        Path out = dir.resolve("rerun");
        ScanJob.Summary first = ScanJob.run(spark, settings(), inputs, null, out.toString(), 0, System.out);
        List<Row> before = table(out, "files");
        int faces = table(out, "faces").size();

        ScanJob.Summary again = ScanJob.run(spark, settings(), inputs, null, out.toString(), 0, System.out);
        assertEquals(0, again.scanned());
        assertEquals(inputs.size(), again.done());

        // a job that failed: one chunk never committed its files part; its faces part, and a
        // file being written, were left behind
        Path lost;
        try (Stream<Path> chunks = Files.list(out.resolve("files"))) {
            lost = chunks.filter(p -> p.getFileName().toString().startsWith("chunk-")).sorted().findFirst().orElseThrow();
        }
        int lostFiles = (int) spark.read().schema(ScanTables.FILES).parquet(lost.toString()).count();
        Files.delete(lost);
        Files.deleteIfExists(lost.resolveSibling("." + lost.getFileName() + ".crc"));
        Files.createDirectories(out.resolve("_lvnet_tmp"));
        Files.writeString(out.resolve("_lvnet_tmp/chunk-x.files.parquet.7.tmp"), "half");

        ScanJob.Summary rerun = ScanJob.run(spark, settings(), inputs, null, out.toString(), 0, System.out);
        assertEquals(lostFiles, rerun.scanned());
        assertEquals(inputs.size() - lostFiles, rerun.done());
        List<Row> after = table(out, "files");
        assertEquals(inputs.size(), after.size());
        assertEquals(inputs.size(), after.stream().map(r -> r.getString(0)).distinct().count(), "every input once");
        assertEquals(faces, table(out, "faces").size(), "no face twice: the orphaned chunk was removed");
        assertEquals(first.failed(), after.stream().filter(r -> !r.isNullAt(5)).count());
        assertEquals(before.size(), after.size());

        // other result settings are refused
        ScanSettings other = new ScanSettings(weights.toString(), 299, true, false, List.of(), 1.3, FRAMES, null, 8, 0, 3,
                true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScanJob.run(spark, other, inputs, null, out.toString(), 0, System.out));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
    }

    /** {@code --align} in the scan job: the faces of {@code lvnet detect --align}, turned as it turns them. */
    @Test
    void alignedScansGiveDetectsAlignedFaces() throws Exception {
        Path photo = Path.of("..", "shared", "goldens", "landmarks", "photo_rot12.png"); // a photo turned by 12 degrees
        PrintStream before = System.out;
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(json, true, StandardCharsets.UTF_8));
            assertEquals(0, Main.run("detect", "-w", weights.toString(), "--align", "--json", photo.toString()));
        } finally {
            System.setOut(before);
        }
        FileResult detect = DetectionReport.fromJson(json.toString(StandardCharsets.UTF_8)).files().get(0);
        ScanSettings aligned = new ScanSettings(weights.toString(), 299, false, false, List.of(), 1.3, FRAMES, null, 8, 0, 3,
                false, null, true);
        Path out = dir.resolve("scan-aligned");
        ScanJob.run(spark, aligned, List.of(HadoopFiles.uri(photo)), null, out.toString(), 0, System.out);
        FileResult scanned = ScanTables.result(table(out, "files").get(0));
        assertFaces(detect.faces(), scanned.faces(), photo.toString());
        double[] m = scanned.faces().get(0).inputToImage();
        assertTrue(Math.abs(m[1]) > 0.05 * Math.abs(m[0]), "the crop is turned: " + java.util.Arrays.toString(m));
        assertThrows(IllegalArgumentException.class, () -> new ScanSettings(weights.toString(), 299, true, false, List.of(), 1.3,
                FRAMES, null, 8, 0, 3, false, null, true));
    }

    @Test
    void directoriesAndListsAreExpandedToTheirMediaFiles() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("listing/a/b"));
        Files.writeString(folder.resolve("x.png"), "x");
        Files.writeString(folder.resolve("y.MP4"), "y");
        Files.writeString(folder.resolve("notes.txt"), "z");
        Path list = Files.writeString(dir.resolve("listing.txt"), "# inputs\n" + folder.resolve("notes.txt") + "\n\n");
        List<String> found = HadoopFiles.listInputs(List.of(dir.resolve("listing").toString()), list.toString(),
                spark.sparkContext().hadoopConfiguration());
        assertEquals(List.of(HadoopFiles.uri(folder.resolve("notes.txt")), HadoopFiles.uri(folder.resolve("x.png")),
                HadoopFiles.uri(folder.resolve("y.MP4"))), found);
    }
}
