package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareCliTest {
    @TempDir
    Path tmp;

    @Test
    void helpExplainsTheLayoutsAndResuming() {
        CliRun r = CliRun.of("prepare", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("FaceForensics++") && r.out().contains("Resumable"), r.out());
    }

    @Test
    void unknownDatasetsAndWrongFoldersEndWithOneLine() throws Exception {
        CliRun r = CliRun.of("prepare", "--dataset", "uadfv", "--root", tmp.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown --dataset 'uadfv' (expected ffpp, celebdf, dfdcp, dfd or folder)"), r.err());
        CliRun s = CliRun.of("prepare", "--dataset", "dfd", "--splits", tmp.toString(), "--root", tmp.toString(), "--out",
                tmp.resolve("o").toString());
        assertEquals(2, s.status());
        assertTrue(s.err().contains("--splits is only used with --dataset ffpp"), s.err());
        Files.writeString(tmp.resolve("x.txt"), "x");
        String[][] cases = {
            {"ffpp", "not a FaceForensics++ folder"},
            {"dfd", "not a DeepFakeDetection folder"},
            {"celebdf", "not a Celeb-DF folder"},
            {"dfdcp", "dataset.json is missing"},
        };
        for (String[] c : cases) {
            CliRun w = CliRun.of("prepare", "--dataset", c[0], "--root", tmp.toString(), "--out", tmp.resolve("o").toString());
            assertEquals(1, w.status(), c[0]);
            assertEquals(1, w.err().lines().count(), w.err());
            assertTrue(w.err().contains(c[1]), w.err());
        }
    }

    @Test
    void preparesCelebDfAndCountsTheTestListsMissingVideos() throws Exception {
        Path data = tmp.resolve("synth");
        assertEquals(0, CliRun.of("synth", "--out", data.toString(), "--identities", "2", "--videos", "1", "--frames", "3",
                "--size", "128", "--compression", "none", "--methods", "FaceSwap", "--threads", "2").status());
        Path root = tmp.resolve("Celeb-DF-v2");
        Files.createDirectories(root.resolve("Celeb-real"));
        Files.createDirectories(root.resolve("Celeb-synthesis"));
        Files.copy(data.resolve("original_sequences/youtube/raw/videos/000.mp4"), root.resolve("Celeb-real/id0_0000.mp4"));
        Files.copy(data.resolve("original_sequences/youtube/raw/videos/001.mp4"), root.resolve("Celeb-real/id1_0000.mp4"));
        Files.copy(data.resolve("manipulated_sequences/FaceSwap/raw/videos/000_001.mp4"),
                root.resolve("Celeb-synthesis/id0_id1_0000.mp4"));
        Files.writeString(root.resolve("List_of_testing_videos.txt"), "1 Celeb-real/id1_0000.mp4\n1 YouTube-real/00009.mp4\n");
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("prepare", "--dataset", "celebdf", "--root", root.toString(), "--out", out.toString(),
                "--every", "2", "--size", "96", "--threads", "2");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("3 done, 0 skipped (finished before), 0 failed, of 3"), r.out() + r.err());
        assertTrue(r.out().contains("data set problems: 1"), r.out());
        assertTrue(r.err().contains("YouTube-real/00009.mp4 is listed for testing but missing"), r.err());
        String index = Files.readString(out.resolve("index.csv"));
        assertTrue(index.contains("frames/none/Celeb-synthesis/id0_id1_0000/0000.png"), index);
        assertTrue(index.contains("frames/none/original/id1_0000/0000.png,,"), index);
        assertTrue(index.lines().anyMatch(l -> l.contains("/id1_0000/") && l.contains(",test,id1,")), index);
        // Celeb-DF's test list is not identity-disjoint: id1 is tested and is the face swapped into a training fake
        assertTrue(Files.readString(out.resolve("dataset.json")).contains("\"identities_in_several_splits\" : [ \"id1\" ]"),
                Files.readString(out.resolve("dataset.json")));
    }

    @Test
    void preparesAFolderOfRealAndFakeVideosThenResumes() throws Exception {
        Path data = tmp.resolve("synth");
        assertEquals(0, CliRun.of("synth", "--out", data.toString(), "--identities", "2", "--videos", "1", "--frames", "4",
                "--size", "128", "--compression", "none", "--methods", "Deepfakes", "--threads", "2").status());
        Path root = tmp.resolve("folder");
        Files.createDirectories(root.resolve("real/a"));
        Files.createDirectories(root.resolve("fake"));
        Files.copy(data.resolve("original_sequences/youtube/raw/videos/000.mp4"), root.resolve("real/a/000.mp4"));
        Files.copy(data.resolve("manipulated_sequences/Deepfakes/raw/videos/000_001.mp4"), root.resolve("fake/000_001.mp4"));
        Files.write(root.resolve("fake/empty.mp4"), new byte[0]);
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("prepare", "--dataset", "folder", "--root", root.toString(), "--out", out.toString(),
                "--every", "2", "--size", "96", "--threads", "2");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("2 done, 0 skipped (finished before), 1 failed, of 3"), r.out());
        assertTrue(r.err().contains("empty.mp4"), r.err());
        String index = Files.readString(out.resolve("index.csv"));
        assertTrue(index.contains("frames/none/original/a_000/0002.png"), index);
        assertTrue(index.contains("frames/none/fake/000_001/0000.png"), index);
        CliRun again = CliRun.of("prepare", "--dataset", "folder", "--root", root.toString(), "--out", out.toString(),
                "--every", "2", "--size", "96", "--threads", "2");
        assertTrue(again.out().contains("0 done, 2 skipped (finished before), 1 failed"), again.out());
        assertEquals(index, Files.readString(out.resolve("index.csv")));
    }
}
