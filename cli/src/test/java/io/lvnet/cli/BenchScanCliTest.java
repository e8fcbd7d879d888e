package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code bench --scan}: whole scans of a rendered two-person video, with the share of quality and tracking. */
class BenchScanCliTest {
    @Test
    void scansTheRenderedVideoAndReportsTheSharesOfQualityAndTracking() throws Exception {
        CliRun r = CliRun.of("bench", "--scan", "--size", "96", "--width", "0.125", "--iterations", "1", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(1, j.get("files").asInt());
        assertEquals(64, j.get("faces").asInt(), "two people in each of 32 frames");
        double quality = j.get("quality_share").asDouble();
        double tracking = j.get("tracking_share").asDouble();
        assertTrue(quality > 0 && quality < 1 && tracking > 0 && tracking < 1, j.toString());
        assertEquals(j.get("quality_seconds").asDouble() / j.get("seconds").asDouble(), quality, 1e-9);
    }
}
