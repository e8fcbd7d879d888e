package io.lvnet.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The training loop trims after {@link HeapTrimmer#EVERY_STEPS} steps or {@link
 * HeapTrimmer#EVERY_SECONDS} seconds since the last trim, and when told to (after validation).
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

    /** Full-size steps of 17 s: a trim every fourth step, the first minute's. */
    @Test
    void afterAMinuteOfSlowSteps() {
        HeapTrimmer trimmer = new HeapTrimmer(() -> trimmedAt.add(step), () -> nanos);
        for (int i = 0; i < 12; i++) {
            step++;
            nanos += 17_000_000_000L;
            trimmer.afterStep();
        }
        assertEquals(List.of(4L, 8L, 12L), trimmedAt);
    }
}
