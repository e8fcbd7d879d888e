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
            "--max-megapixels", "--queue", "--timeout", "--workers"}) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
        assertTrue(CliRun.of("--help").out().contains("serve"), "listed by lvnet --help");
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

        CliRun port = CliRun.of("serve", "-w", "x.safetensors", "--port", "http");
        assertEquals(2, port.status());
    }
}
