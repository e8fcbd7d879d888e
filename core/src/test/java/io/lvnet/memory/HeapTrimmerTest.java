package io.lvnet.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training loop trims every {@link HeapTrimmer#EVERY_STEPS} steps, and when told to (after validation). */
class HeapTrimmerTest {
    private final List<Long> trimmedAt = new ArrayList<>();
    private long step;
    private final HeapTrimmer trimmer = new HeapTrimmer(() -> trimmedAt.add(step));

    @Test
    void everyHundredStepsAndWhenTold() {
        for (int i = 0; i < 2 * HeapTrimmer.EVERY_STEPS + 50; i++) {
            step++;
            trimmer.afterStep();
            if (step == 150) {
                trimmer.trim(); // a validation pass between
            }
        }
        assertEquals(List.of(100L, 150L, 200L), trimmedAt);
        assertEquals(3, trimmer.trims());
    }
}
