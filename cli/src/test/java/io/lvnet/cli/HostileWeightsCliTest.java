package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.testing.Goldens;
import io.lvnet.weights.HostileCheckpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile checkpoints of issue 16 given to the commands that load weights: each ends
 * promptly with status 1 and one error line naming the file; {@code serve} does not stay up
 * answering "loading".
 */
class HostileWeightsCliTest {
    /** Far above the loader's own bound (2 s, see PyTorchCheckpointHostileTest): a hang guard. */
    private static final Duration GUARD = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static Map<String, Path> files;

    @BeforeAll
    static void craft() throws IOException {
        files = HostileCheckpoints.all(dir);
    }

    /** Runs after {@link #craft}: JUnit provides arguments once the class is set up. */
    static Stream<Arguments> cases() {
        return files.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    /** The run's single error line, which must name {@code file}. */
    private static void failsWithOneLine(CliRun run, String command, Path file) {
        assertEquals(1, run.status(), run.err());
        List<String> errors = run.err().lines().filter(l -> l.contains("error")).toList();
        assertEquals(1, errors.size(), run.err());
        assertTrue(errors.get(0).startsWith("lvnet " + command + ": error: " + file), run.err());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void convertRefuses(String name, Path file) {
        Path out = dir.resolve(file.getFileName() + ".safetensors");
        CliRun run = assertTimeoutPreemptively(GUARD, () -> CliRun.of("convert", file.toString(), out.toString()));
        failsWithOneLine(run, "convert", file);
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(Files.exists(out), "nothing is written");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void serveExitsInsteadOfLoadingForever(String name, Path file) {
        Path uploads = dir.resolve("uploads-" + file.getFileName());
        CliRun run = assertTimeoutPreemptively(GUARD, () -> CliRun.of("serve", "-w", file.toString(),
                "--port", "0", "--workers", "1", "--temp-dir", uploads.toString()));
        failsWithOneLine(run, "serve", file);
    }

    @Test
    void detectRefuses() {
        Path file = files.get("shared-list key");
        CliRun run = assertTimeoutPreemptively(GUARD, () -> CliRun.of("detect", "--weights", file.toString(),
                "--face", "none", Goldens.file("resize_source.png").toString()));
        failsWithOneLine(run, "detect", file);
    }
}
