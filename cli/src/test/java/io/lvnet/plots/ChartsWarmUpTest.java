package io.lvnet.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lvnet.eval.Charts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@link Charts#warmUp} loads what drawing keeps, so a training run's first memory reading holds
 * it: in a JVM of its own, since any chart drawn earlier in this one would have loaded it already.
 */
class ChartsWarmUpTest {
    /** The JDK's font library, which the first drawn text maps for good. */
    private static final String FONT_LIBRARY = "libfontmanager";

    @Test
    @EnabledOnOs(OS.LINUX)
    void warmUpMapsTheFontLibraryBeforeAnyChartIsDrawn() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not finish in 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals("before false, after true", out.lines().reduce((a, b) -> b).orElse(""), out);
    }

    /** Says whether the font library is mapped before and after a warm-up. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            boolean before = mapped();
            Charts.installed().warmUp();
            System.out.println("before " + before + ", after " + mapped());
        }

        private static boolean mapped() throws IOException {
            return Files.readString(Path.of("/proc/self/maps")).contains(FONT_LIBRARY);
        }
    }
}
