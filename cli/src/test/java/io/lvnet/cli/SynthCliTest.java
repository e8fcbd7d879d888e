package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.CanonicalDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCliTest {
    @TempDir
    Path dir;

    @Test
    void helpExplainsTheDatasetAndSelfBlending() {
        CliRun r = CliRun.of("synth", "--help");
        assertEquals(0, r.status(), r.err());
        for (String s : new String[] {"index.csv", "--self-blend", "--compression", "Deepfakes", "FF++", "same seed"}) {
            assertTrue(r.out().contains(s), s + " missing from:\n" + r.out());
        }
        assertTrue(CliRun.of("--help").out().contains("synth"));
    }

    @Test
    void badUsageEndsWithOneLineAndStatusTwo() {
        String out = dir.resolve("x").toString();
        for (String[] args : new String[][] {{"synth"}, {"synth", "--out", out, "--from", out},
            {"synth", "--out", out, "--compression", "c99"}, {"synth", "--out", out, "--identities", "1"},
            {"synth", "--out", out, "--methods", "Morphing"}, {"synth", "--self-blend", "--out", out}}) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("lvnet: "), r.err());
            assertTrue(r.err().lines().count() <= 2, r.err());
        }
        assertTrue(Files.notExists(dir.resolve("x")));
    }

    @Test
    void aTinyDatasetThenSelfBlendedFakesOfItsRealFaces() throws Exception {
        Path out = dir.resolve("synth");
        CliRun r = CliRun.of("synth", "--out", out.toString(), "--identities", "2", "--videos", "1", "--frames", "2",
                "--size", "96", "--compression", "none", "--no-videos", "--threads", "1", "--seed", "4");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("wrote " + out + ": 20 frames (4 real, 16 fake), 10 videos, 2 identities (train 2)"),
                r.out());
        assertTrue(r.out().contains("face detector (BlazeFace full-range + short-range (MediaPipe), bundled) found the face in"),
                r.out());
        assertTrue(r.out().contains("shortcut check"), r.out());
        assertEquals(20, CanonicalDataset.open(out).frames().size());
        assertTrue(Files.notExists(out.resolve("original_sequences")));

        Path sbi = dir.resolve("sbi");
        CliRun s = CliRun.of("synth", "--self-blend", "--from", out.toString(), "--out", sbi.toString());
        assertEquals(0, s.status(), s.err());
        assertTrue(s.out().contains("8 frames (4 real, 4 fake)"), s.out());
        assertEquals(96, CanonicalDataset.open(sbi).description().path("size").asInt());

        CliRun again = CliRun.of("synth", "--out", out.toString());
        assertEquals(1, again.status());
        assertEquals("lvnet synth: error: " + out + ": is not empty; choose a new output folder", again.err().strip());
    }
}
