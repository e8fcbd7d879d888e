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
    void unsupportedDatasetsAndWrongFoldersEndWithOneLine() throws Exception {
        CliRun r = CliRun.of("prepare", "--dataset", "celebdf", "--root", tmp.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("celebdf is not supported yet"), r.err());
        Files.writeString(tmp.resolve("x.txt"), "x");
        CliRun w = CliRun.of("prepare", "--dataset", "ffpp", "--root", tmp.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, w.status());
        assertEquals(1, w.err().lines().count(), w.err());
        assertTrue(w.err().contains("not a FaceForensics++ folder"), w.err());
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
