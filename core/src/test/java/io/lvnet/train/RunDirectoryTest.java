package io.lvnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run logs as a resume reads them after a crash or a full disk. */
class RunDirectoryTest {
    @TempDir
    Path dir;

    private static EpochRecord epoch(int e) {
        return new EpochRecord(e, 5e-4, 0.5, 0.8, 0.7, Double.NaN, 0.75, 10, 60, e == 0, 0, 900, 1000, 950, 920, Double.NaN, Double.NaN, Double.NaN, 500, 130, 60, 250);
    }

    private static StepRecord step(int e, long s) {
        return new StepRecord(e, s, 5e-4, 0.6, 0.4, 0.2, 0.5, 12, 850, 200, 10, false);
    }

    /** A run with two epochs of two steps, and a step of a third epoch in progress. */
    private RunDirectory run() throws Exception {
        RunDirectory run = new RunDirectory(dir.resolve("run"));
        for (int e = 0; e < 2; e++) {
            run.logStep(step(e, 2L * e + 1));
            run.logStep(step(e, 2L * e + 2));
            run.log(epoch(e));
        }
        run.logStep(step(2, 5));
        return run;
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }

    @Test
    void aTornLastLineIsDroppedAndCutAwayBeforeTheNextRecord() throws Exception {
        RunDirectory run = run();
        Path epochs = run.root().resolve("epochs.jsonl");
        Path steps = run.root().resolve("steps.jsonl");
        append(epochs, "{\"epoch\":2,\"lr\":0.0005,\"train_lo");
        append(steps, "{\"epoch\":2,\"st\0\0\0\0");
        append(run.root().resolve("steps.csv"), "2,6,0.0005,0.5");
        assertEquals(2, run.epochs().size(), "the torn line is not an epoch");
        assertEquals(5, run.steps().size());

        run.keepUpTo(1);
        run.logStep(step(2, 5));
        run.log(epoch(2));
        assertEquals(List.of(0, 1, 2), run.epochs().stream().map(EpochRecord::epoch).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), run.steps().stream().map(StepRecord::step).toList());
        for (String log : new String[] {"epochs.jsonl", "steps.jsonl"}) {
            List<String> lines = Files.readAllLines(run.root().resolve(log));
            assertTrue(lines.stream().allMatch(l -> l.startsWith("{") && l.endsWith("}")), log + ": " + lines);
        }
        List<String> csv = Files.readAllLines(run.root().resolve("steps.csv"));
        assertEquals(StepRecord.CSV_HEADER, csv.get(0));
        assertEquals(6, csv.size(), "header and 5 whole rows: " + csv);
        assertEquals(4, Files.readAllLines(run.root().resolve("epochs.csv")).size());
    }

    @Test
    void aCompleteLastRecordWithoutItsNewlineIsKept() throws Exception {
        RunDirectory run = new RunDirectory(dir.resolve("run"));
        run.log(epoch(0));
        Path epochs = run.root().resolve("epochs.jsonl");
        String text = Files.readString(epochs);
        Files.writeString(epochs, text.strip()); // the newline was what the disk could not take
        run.keepUpTo(0);
        run.log(epoch(1));
        assertEquals(List.of(0, 1), run.epochs().stream().map(EpochRecord::epoch).toList());
    }

    @Test
    void aTornLineInTheMiddleIsRefusedWithOneLine() throws Exception {
        RunDirectory run = run();
        Path steps = run.root().resolve("steps.jsonl");
        List<String> lines = Files.readAllLines(steps);
        lines.set(1, lines.get(1).substring(0, 20));
        Files.write(steps, lines);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> run.keepUpTo(1));
        String message = e.getCause().getMessage();
        assertTrue(message.startsWith(steps + ": line 2 of 5 is not a step record ("), message);
        assertTrue(message.endsWith("only a torn last line, from an interrupted write, is dropped)"), message);
        assertEquals(1, message.lines().count(), message);
        assertEquals("{\"epoch\":0,\"step\":2,", Files.readAllLines(steps).get(1), "nothing was rewritten");
    }

    @Test
    void recordsOfEarlierVersionsReadWithoutMemoryFigures() throws Exception {
        RunDirectory run = new RunDirectory(Files.createDirectories(dir.resolve("old")));
        Files.writeString(run.root().resolve("epochs.jsonl"), "{\"epoch\":0,\"lr\":5.0E-4,\"train_loss\":0.5,\"val_auc\":0.9,"
                + "\"val_acc\":0.8,\"val_patch_auc\":0.7,\"train_acc\":0.75,\"images_per_s\":10.0,\"seconds\":60.0,\"best\":true}\n");
        Files.writeString(run.root().resolve("steps.jsonl"), "{\"epoch\":0,\"step\":1,\"lr\":5.0E-4,\"loss\":0.6,"
                + "\"cls_loss\":0.4,\"patch_loss\":0.2,\"acc\":0.5,\"images_per_s\":12.0}\n");
        EpochRecord e = run.epochs().get(0);
        assertTrue(Double.isNaN(e.rssMb()) && Double.isNaN(e.peakRssMb()) && Double.isNaN(e.rssAnonMb())
                && Double.isNaN(e.heapMb()), e.toString());
        assertEquals(0, e.skippedSteps());
        assertTrue(Double.isNaN(run.steps().get(0).rssMb()));
        assertTrue(!run.steps().get(0).skipped());
    }
}
