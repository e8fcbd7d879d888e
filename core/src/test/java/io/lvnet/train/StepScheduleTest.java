package io.lvnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StepScheduleTest {
    @Test
    void halvesEveryFiveEpochs() {
        StepSchedule s = StepSchedule.reference();
        assertEquals(5e-4, s.learningRate(0));
        assertEquals(5e-4, s.learningRate(4));
        assertEquals(2.5e-4, s.learningRate(5));
        assertEquals(2.5e-4, s.learningRate(9));
        assertEquals(1.25e-4, s.learningRate(10));
        assertEquals(5e-4 / 32, s.learningRate(29));
    }

    @Test
    void otherParameters() {
        StepSchedule s = new StepSchedule(1.0, 0.1, 2);
        assertEquals(1.0, s.learningRate(1));
        assertEquals(0.1, s.learningRate(2), 1e-15);
        assertEquals(0.01, s.learningRate(5), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> s.learningRate(-1));
        assertThrows(IllegalArgumentException.class, () -> new StepSchedule(1.0, 0.5, 0));
    }
}
