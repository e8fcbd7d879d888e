package io.lvnet.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the training loop trims: on growth past the working set, periodically, and never twice in a row for nothing. */
class HeapTrimmerTest {
    private final long[] rss = {0};
    private final List<Long> trimmedAt = new ArrayList<>();
    private long step;
    private final HeapTrimmer trimmer = new HeapTrimmer(() -> rss[0], () -> trimmedAt.add(step));

    private boolean stepWith(long kb) {
        step++;
        rss[0] = kb;
        return trimmer.afterStep();
    }

    @Test
    void growthPastTheWorkingSetTrimsAndTheNextStepMeasuresItAgain() {
        assertFalse(stepWith(1_000_000), "the first step only measures the working set");
        assertFalse(stepWith(1_040_000), "4 % above: within the slack");
        assertFalse(stepWith(1_050_000), "exactly 5 %: within the slack");
        assertTrue(stepWith(1_060_000), "6 % above: trimmed");
        assertFalse(stepWith(1_200_000), "after a trim the step that faults its working set back in sets the new one");
        assertFalse(stepWith(1_250_000));
        assertTrue(stepWith(1_270_000));
        assertEquals(List.of(4L, 7L), trimmedAt);
    }

    @Test
    void flatMemoryIsTrimmedOnlyPeriodically() {
        for (int i = 0; i < 3 * HeapTrimmer.EVERY_STEPS; i++) {
            stepWith(1_000_000);
        }
        assertEquals(List.of(100L, 200L, 300L), trimmedAt);
        assertEquals(3, trimmer.trims());
    }

    @Test
    void withoutResidentMemoryOnlyThePeriodicTrimIsLeft() {
        for (int i = 0; i < HeapTrimmer.EVERY_STEPS; i++) {
            stepWith(-1);
        }
        assertEquals(List.of(100L), trimmedAt);
    }
}
