package io.lvnet.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.eval.BinaryMetrics;
import io.lvnet.eval.Charts;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line installs real charts: the library's requests become PNG files people can look at. */
class XChartPlotsTest {
    @TempDir
    Path dir;

    @Test
    void theCommandLineInstallsXChart() {
        assertInstanceOf(XChartPlots.class, Charts.installed());
    }

    @Test
    void drawsRocCurvesAndTrainingCurves() throws Exception {
        Charts charts = Charts.installed();
        Path roc = dir.resolve("roc.png");
        charts.roc(roc, "Tiny model", Map.of("frame", new BinaryMetrics(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1})));
        BufferedImage image = ImageIO.read(roc.toFile());
        assertNotNull(image);
        assertEquals(640, image.getWidth());
        assertEquals(560, image.getHeight());

        Path loss = dir.resolve("loss.png");
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("train", new double[] {0.9, 0.5, 0.3});
        series.put("validation", new double[] {1.0, 0.7, 0.6});
        charts.lines(loss, "Loss", "epoch", "loss", new double[] {0, 1, 2}, series);
        assertTrue(Files.size(loss) > 1000, "a drawn chart, not a placeholder");
        assertNotNull(ImageIO.read(loss.toFile()));
    }
}
