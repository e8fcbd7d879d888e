package io.lvnet.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The training loop trims after {@link HeapTrimmer#EVERY_STEPS} steps or {@link
 * HeapTrimmer#EVERY_SECONDS} seconds since the last trim, after any step of at least {@link
 * HeapTrimmer#LONG_STEP_SECONDS} seconds, and when told to (after validation).
 */
class HeapTrimmerTest {
    private final List<Long> trimmedAt = new ArrayList<>();
    private long step;
    private long nanos;

    @Test
    void afterAHundredQuickStepsAndWhenTold() {
        HeapTrimmer trimmer = new HeapTrimmer(() -> trimmedAt.add(step), () -> nanos);
        for (int i = 0; i < 2 * HeapTrimmer.EVERY_STEPS + 100; i++) {
            step++;
            nanos += 100_000_000L; // 0.1 s a step: 100 steps take 10 s
            trimmer.afterStep();
            if (step == 150) {
                trimmer.trim(); // a validation pass between
            }
        }
        assertEquals(List.of(100L, 150L, 250L), trimmedAt);
        assertEquals(3, trimmer.trims());
    }

    /** Steps of 7 s (shorter than a long step): a trim after each minute of them. */
    @Test
    void afterAMinuteOfSlowSteps() {
        HeapTrimmer trimmer = new HeapTrimmer(() -> trimmedAt.add(step), () -> nanos);
        for (int i = 0; i < 20; i++) {
            step++;
            nanos += 7_000_000_000L;
            trimmer.afterStep();
        }
        assertEquals(List.of(9L, 18L), trimmedAt);
    }

    /**
     * Full-size steps of 17 s: a trim after every one, so each starts from the floor; the time
     * a trim itself takes does not make the next quick step a long one.
     */
    @Test
    void afterEveryLongStep() {
        HeapTrimmer trimmer = new HeapTrimmer(() -> {
            trimmedAt.add(step);
            nanos += 2_000_000_000L; // the trim's collection and page release
            return true;
        }, () -> nanos);
        for (int i = 0; i < 3; i++) {
            step++;
            nanos += 17_000_000_000L;
            trimmer.afterStep();
        }
        step++;
        nanos += 1_000_000_000L;
        trimmer.afterStep();
        step++;
        nanos += (HeapTrimmer.LONG_STEP_SECONDS - 1) * 1_000_000_000L;
        trimmer.afterStep();
        assertEquals(List.of(1L, 2L, 3L), trimmedAt);
    }
}
