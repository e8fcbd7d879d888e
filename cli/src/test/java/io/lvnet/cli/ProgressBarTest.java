package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void offATerminalShortWorkWritesNothing() {
        try (ProgressBar bar = new ProgressBar(err, "passes", 40, false)) {
            for (int i = 0; i < 40; i++) {
                bar.advance(1);
            }
        }
        assertEquals("", written());
    }

    @Test
    void offATerminalLongWorkWritesPlainLinesWithoutCarriageReturns() {
        try (ProgressBar bar = new ProgressBar(err, "passes", 4, false, 0)) {
            bar.note("loss 0.5");
            for (int i = 0; i < 4; i++) {
                bar.advance(1);
            }
        }
        String[] lines = written().split("\n");
        // the last advance completes the work, which the caller reports itself
        assertEquals(3, lines.length, written());
        assertTrue(lines[0].startsWith("passes 1/4 (25 %), "), lines[0]);
        assertTrue(lines[2].startsWith("passes 3/4 (75 %), "), lines[2]);
        assertTrue(lines[2].contains("ETA") && lines[2].endsWith(", loss 0.5"), lines[2]);
        assertTrue(!written().contains("\r"), "no carriage returns in a log");
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlace() {
        try (ProgressBar bar = new ProgressBar(err, "faces", 2, true)) {
            bar.advance(1);
            bar.advance(1);
        }
        assertTrue(written().startsWith("\r["), written());
        assertTrue(written().contains("2/2 faces"), written());
    }
}
