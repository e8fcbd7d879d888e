package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's settings per command, read from the environment it hands {@code java} (a stand-in
 * on the PATH that prints it). Under jemalloc the commands that train get settings of their own;
 * {@code generalise} trains but once got the inference settings.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("cli/src/main/dist/bin/lvnet");

    @TempDir
    Path tmp;

    @Test
    void everyCommandGetsHugePagesAndTwoArenas() throws Exception {
        for (List<String> args : List.of(List.of("train", "-c", "x.yaml"), List.of("generalise", "-c", "x.yaml"),
                List.of("demo"), List.of("bench", "--train"), List.of("detect", "a.jpg"), List.of("bench"),
                List.of("serve"))) {
            Map<String, String> env = launch(args, Map.of());
            assertEquals("glibc.malloc.hugetlb=1:glibc.malloc.arena_max=2", env.get("GLIBC_TUNABLES"), args.toString());
            // training leaves libtorch's huge pages to LibtorchHugePages, which chooses by the model's width
            boolean trains = List.of("train", "generalise", "demo").contains(args.get(0)) || args.contains("--train");
            assertEquals(trains ? null : "1", env.get("THP_MEM_ALLOC_ENABLE"), args.toString());
        }
        assertEquals("0", launch(List.of("detect", "a.jpg"), Map.of("THP_MEM_ALLOC_ENABLE", "0")).get("THP_MEM_ALLOC_ENABLE"));
        assertEquals("1", launch(List.of("train"), Map.of("THP_MEM_ALLOC_ENABLE", "1")).get("THP_MEM_ALLOC_ENABLE"));
    }

    @Test
    void tunablesTheUserSetAreKept() throws Exception {
        Map<String, String> env = launch(List.of("train"), Map.of("GLIBC_TUNABLES", "glibc.malloc.hugetlb=0"));
        assertEquals("glibc.malloc.hugetlb=0:glibc.malloc.arena_max=2", env.get("GLIBC_TUNABLES"));
        assertFalse(launch(List.of("train"), Map.of("MALLOC_ARENA_MAX", "4")).getOrDefault("GLIBC_TUNABLES", "")
                .contains("arena_max"));
    }

    @Test
    void theServiceSleepsItsOpenMpThreadsUnlessTold() throws Exception {
        assertEquals("PASSIVE", launch(List.of("serve"), Map.of()).get("OMP_WAIT_POLICY"));
        assertEquals("ACTIVE", launch(List.of("serve"), Map.of("OMP_WAIT_POLICY", "ACTIVE")).get("OMP_WAIT_POLICY"));
    }

    @Test
    void jemallocPurgesOnItsOwnThreadAndTrainingGetsItsHugePages() throws Exception {
        Path lib = Files.writeString(tmp.resolve("libjemalloc.so.2"), "");
        Map<String, String> env = launch(List.of("train"), Map.of("LVNET_MALLOC", "jemalloc", "LVNET_JEMALLOC", lib.toString()));
        assertEquals(lib.toString(), env.get("LD_PRELOAD"));
        assertEquals("background_thread:true,thp:always,retain:false", env.get("MALLOC_CONF"));
        assertEquals(null, env.get("GLIBC_TUNABLES"));
        env = launch(List.of("serve"), Map.of("LVNET_MALLOC", "jemalloc", "LVNET_JEMALLOC", lib.toString(),
                "MALLOC_CONF", "background_thread:false"));
        assertEquals("background_thread:false", env.get("MALLOC_CONF"));
        // a retain the user chose stands; the service keeps jemalloc's default
        env = launch(List.of("train"), Map.of("LVNET_MALLOC", "jemalloc", "LVNET_JEMALLOC", lib.toString(),
                "MALLOC_CONF", "retain:true"));
        assertEquals("retain:true,background_thread:true,thp:always", env.get("MALLOC_CONF"));
    }

    @Test
    void everyCommandGetsTheDefaultHeapUnlessJavaOptsReplaceIt() throws Exception {
        for (List<String> args : List.of(List.of("train"), List.of("generalise"), List.of("bench", "--train"), List.of("detect"),
                List.of("serve"))) {
            assertTrue(launch(args, Map.of()).get("JAVA_ARGS").startsWith("-Xmx8g -Dai.djl.offline=true "), args.toString());
        }
        assertTrue(launch(List.of("train"), Map.of("JAVA_OPTS", "-Xmx2g")).get("JAVA_ARGS").startsWith("-Xmx2g -D"));
    }

    /** Runs the launcher with a {@code java} that prints its arguments (as {@code JAVA_ARGS}) and environment; returns both. */
    private Map<String, String> launch(List<String> args, Map<String, String> extra) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"JAVA_ARGS=$*\"\nexec env\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LVNET_") || k.contains("MALLOC") || k.equals("GLIBC_TUNABLES")
                || k.startsWith("OMP_") || k.equals("LD_PRELOAD") || k.startsWith("THP_") || k.equals("JAVA_OPTS") || k.equals("DJL_OFFLINE"));
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.put("LVNET_HOME", tmp.toString());
        env.putAll(extra);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "launcher did not finish");
        assertEquals(0, p.exitValue(), out);
        Map<String, String> seen = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                seen.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return seen;
    }
}
