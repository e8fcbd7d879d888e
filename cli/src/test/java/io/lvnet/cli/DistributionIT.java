package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.detect.LvNetModel;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import io.lvnet.synth.Portraits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution a user without Maven runs: {@code lvnet-VERSION.tar.gz}, unpacked into an
 * empty folder, answers {@code bin/lvnet info} and scans a picture with {@code bin/lvnet detect}
 * (run by failsafe after {@code package} has written it).
 */
class DistributionIT {
    @TempDir
    static Path dir;
    static Path lvnet;

    @BeforeAll
    static void unpack() throws Exception {
        Path tarball = Path.of(System.getProperty("lvnet.distribution", "cli/target/lvnet.tar.gz"));
        assertTrue(Files.isRegularFile(tarball), "mvn package writes " + tarball);
        Path unpacked = Files.createDirectory(dir.resolve("unpacked"));
        Result tar = run(List.of("tar", "-xzf", tarball.toAbsolutePath().toString(), "-C", unpacked.toString()), unpacked);
        assertEquals(0, tar.status(), tar.output());
        lvnet = unpacked.resolve("lvnet-" + System.getProperty("lvnet.version")).resolve("bin/lvnet");
        assertTrue(Files.isExecutable(lvnet), "bin/lvnet in the tarball, executable");
        for (String f : new String[] {"README.md", "LICENSE", "NOTICE"}) {
            assertTrue(Files.isRegularFile(lvnet.getParent().getParent().resolve(f)), f + " in the tarball");
        }
    }

    @Test
    void infoRuns() throws Exception {
        Result info = run(List.of(lvnet.toString(), "info", "--json"), dir);
        assertEquals(0, info.status(), info.output());
        JsonNode json = new ObjectMapper().readTree(info.stdout());
        assertEquals(System.getProperty("lvnet.version"), json.get("lvnet").asText(), info.output());
    }

    @Test
    void detectScansAPicture() throws Exception {
        Path weights = dir.resolve("tiny.safetensors");
        try (LvNetModel model = LvNetModel.create(new LvNetConfig(Variant.SUPERVISED, 64, 0.25))) {
            model.save(weights);
        }
        Path face = Files.write(dir.resolve("face.png"), Portraits.png(7, 256));
        Result detect = run(List.of(lvnet.toString(), "detect", "-w", weights.toString(), "--input-size", "64", "--json",
                face.toString()), dir);
        assertEquals(0, detect.status(), detect.output());
        JsonNode file = new ObjectMapper().readTree(detect.stdout()).get("files").get(0);
        assertTrue(file.get("faces").size() >= 1, detect.output());
        double p = file.get("faces").get(0).get("fake_probability").asDouble(-1);
        assertTrue(p >= 0 && p <= 1, detect.output());
    }

    private record Result(int status, String stdout, String output) {
    }

    /** Runs a command in {@code cwd} as a user would: no LVNET_HOME, nothing of this build's class path. */
    private static Result run(List<String> command, Path cwd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(cwd.toFile());
        pb.environment().remove("LVNET_HOME");
        pb.environment().remove("CLASSPATH");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        pb.redirectError(err.toFile());
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), out, out + Files.readString(err));
    }
}
