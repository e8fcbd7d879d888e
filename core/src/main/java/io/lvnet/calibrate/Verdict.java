package io.lvnet.calibrate;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What lvnet says of a face: real, fake, or inconclusive when the operating points disagree. */
public enum Verdict {
    REAL, FAKE, INCONCLUSIVE;

    /** As it appears in JSON and CSV: real, fake, inconclusive. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
