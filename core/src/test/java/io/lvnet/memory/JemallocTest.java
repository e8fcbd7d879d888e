package io.lvnet.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Under jemalloc ({@code LVNET_MALLOC=jemalloc}), a trim purges its arenas: checked in a JVM of
 * its own with jemalloc preloaded and its decay switched off, so that only the purge can give
 * the freed pages back. Needs Debian's libjemalloc2 (CI installs it); fails without it.
 */
class JemallocTest {
    private static final List<String> LIBRARIES = List.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2",
            "/usr/lib64/libjemalloc.so.2", "/usr/lib/libjemalloc.so.2", "/usr/local/lib/libjemalloc.so.2");

    @Test
    void trimPurgesJemallocsArenas() throws Exception {
        String library = LIBRARIES.stream().filter(p -> Files.isReadable(Path.of(p))).findFirst().orElse(null);
        assertNotNull(library, "libjemalloc.so.2 not installed (apt-get install libjemalloc2)");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                JemallocPurgeProbe.class.getName()).redirectErrorStream(true);
        pb.environment().put("LD_PRELOAD", library);
        pb.environment().put("MALLOC_CONF", "dirty_decay_ms:-1,muzzy_decay_ms:-1");
        Process p = pb.start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertEquals(0, done ? p.exitValue() : -1, out);
    }
}
