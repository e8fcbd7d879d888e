package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lvnet serve} on the command line: its help, and one-line errors for bad input. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void helpNamesTheEndpointsAndLimits() {
        CliRun r = CliRun.of("serve", "--help");
        assertEquals(0, r.status(), r.err());
        for (String s : new String[] {"POST /v1/detect", "/healthz", "/metrics", "--max-upload-mb", "--max-video-seconds",
            "--max-megapixels", "--queue", "--timeout", "--workers", "--threads"}) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
        assertTrue(CliRun.of("--help").out().contains("serve"), "listed by lvnet --help");
    }

    @Test
    void benchServeReportsThroughputLatencyAndHeap() throws Exception {
        CliRun r = CliRun.of("bench", "--serve", "--size", "64", "--width", "0.25", "--clients", "2", "--requests", "2",
                "--workers", "1", "--json");
        assertEquals(0, r.status(), r.err());
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals(4, report.get("ok").asInt());
        assertEquals(0, report.get("errors").asInt());
        for (String field : new String[] {"requests_per_s", "p50_ms", "p99_ms", "heap_after_first_half_mb", "heap_after_second_half_mb"}) {
            assertTrue(report.get(field).asDouble() > 0, field + " in " + r.out());
        }
    }

    @Test
    void badInputEndsWithOneLine() {
        CliRun missing = CliRun.of("serve", "-w", dir.resolve("none.safetensors").toString(), "--port", "0",
                "--temp-dir", dir.resolve("uploads").toString());
        assertEquals(1, missing.status());
        assertEquals(1, missing.err().lines().filter(l -> l.startsWith("lvnet serve: error:")).count(), missing.err());
        assertTrue(missing.err().contains("none.safetensors: no such file"), missing.err());

        CliRun workers = CliRun.of("serve", "-w", "x.safetensors", "--workers", "0");
        assertEquals(1, workers.status());
        assertTrue(workers.err().contains("--workers"), workers.err());

        CliRun threads = CliRun.of("serve", "-w", "x.safetensors", "--threads", "0");
        assertEquals(1, threads.status());
        assertTrue(threads.err().contains("--threads"), threads.err());

        CliRun port = CliRun.of("serve", "-w", "x.safetensors", "--port", "http");
        assertEquals(2, port.status());
    }
}
