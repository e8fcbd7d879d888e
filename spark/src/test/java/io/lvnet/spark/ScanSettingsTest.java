package io.lvnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scan's precision: lvnet detect's default, part of what a resumed run must match, refused when unknown. */
class ScanSettingsTest {
    private static ScanSettings with(String precision) {
        return new ScanSettings("w.safetensors", 299, false, false, List.of(), 1.3, 32, null, 8, 0, 64, false, null, false,
                precision);
    }

    @Test
    void precisionIsDetectsDefaultAndDecidesTheResults() {
        assertEquals("auto", ScanSettings.defaults("w.safetensors").precision());
        assertEquals("auto", ScanSettings.defaults("w.safetensors").resultSettings("d").get("precision"));
        assertEquals("bf16", with("BF16").resultSettings("d").get("precision"));
        // runs written before --precision computed in fp32 and recorded nothing: they resume under fp32
        assertFalse(with("fp32").resultSettings("d").containsKey("precision"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with("fp16"));
        assertEquals("unknown precision 'fp16' (expected auto, fp32 or bf16)", e.getMessage());
    }
}
