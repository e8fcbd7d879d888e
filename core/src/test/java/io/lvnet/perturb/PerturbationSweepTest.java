package io.lvnet.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerturbationSweepTest {
    @Test
    void parsesTheIssuesExample() {
        List<PerturbationSweep> s = PerturbationSweep.parseAll(
                List.of("jpeg:90,70,50", "h264:23,32,40", "resize:0.5,0.25", "blur:1,2", "noise:5,10"));
        assertEquals(5, s.size());
        assertEquals(PerturbationKind.JPEG, s.get(0).kind());
        assertEquals(List.of(90.0, 70.0, 50.0), s.get(0).levels());
        assertEquals(List.of(0.5, 0.25), s.get(2).levels());
        assertEquals("resize:0.5,0.25", s.get(2).toString());
        assertEquals("jpeg:50", s.get(0).perturbations().get(2).toString());
        assertEquals(List.of(1.5), PerturbationSweep.parse(" blur : 1.5 ").levels());
    }

    @Test
    void refusesBadSpecsInOneLineNamingThem() {
        for (String bad : List.of("jpeg", "jpeg:", "jpeg:abc", "jpeg:0", "jpeg:101", "jpeg:50.5", "jpeg:90,,50",
                "jpeg:90,90", "h264:-1", "h264:52", "resize:0", "resize:1.5", "blur:0", "blur:-1", "noise:-1",
                "noise:NaN", "blur:Infinity", "gif:1", ":5")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PerturbationSweep.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("bad perturbation '" + bad + "': "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> PerturbationSweep.parseAll(List.of("jpeg:90", "blur:1", "jpeg:50")));
        assertTrue(twice.getMessage().contains("jpeg is given twice"), twice.getMessage());
    }
}
