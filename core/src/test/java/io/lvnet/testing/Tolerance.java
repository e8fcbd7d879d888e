package io.lvnet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The goldens' tolerances as assertions. */
public final class Tolerance {
    private Tolerance() {
    }

    /** ||out - ref|| / ||ref|| <= tol. */
    public static void relativeL2(String what, float[] ref, float[] out, double tol) {
        assertEquals(ref.length, out.length, what + ": length");
        double num = 0;
        double den = 0;
        for (int i = 0; i < ref.length; i++) {
            double d = (double) out[i] - ref[i];
            num += d * d;
            den += (double) ref[i] * ref[i];
        }
        double rel = Math.sqrt(num) / Math.sqrt(den);
        assertTrue(rel <= tol, what + ": relative L2 error " + rel + " > " + tol);
    }

    /** |out - ref| <= tol * (1 + |ref|) element-wise. */
    public static void elementwise(String what, float[] ref, float[] out, double tol) {
        assertEquals(ref.length, out.length, what + ": length");
        for (int i = 0; i < ref.length; i++) {
            double bound = tol * (1 + Math.abs(ref[i]));
            assertTrue(Math.abs(out[i] - ref[i]) <= bound,
                    what + "[" + i + "]: " + out[i] + " vs " + ref[i] + " (bound " + bound + ")");
        }
    }
}
