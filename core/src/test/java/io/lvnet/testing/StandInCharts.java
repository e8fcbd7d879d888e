package io.lvnet.testing;

import io.lvnet.eval.BinaryMetrics;
import io.lvnet.eval.CalibrationMetrics;
import io.lvnet.eval.Charts;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The library's tests' charts (registered in the test resources): each chart asked for is
 * recorded and written as a 1 x 1 PNG, so that a test can check what the library draws without
 * a plotting library, which only the command line has. The real charts are tested there.
 */
public final class StandInCharts implements Charts {
    /** One chart asked for. */
    public record Drawn(String kind, Path png, String title, List<String> series) {
    }

    private static final List<Drawn> DRAWN = new ArrayList<>();

    /** For the service loader. */
    public StandInCharts() {
    }

    /** Every chart asked for in this JVM so far. */
    public static synchronized List<Drawn> drawn() {
        return List.copyOf(DRAWN);
    }

    @Override
    public void roc(Path png, String title, Map<String, BinaryMetrics> curves) throws IOException {
        draw("roc", png, title, curves);
    }

    @Override
    public void reliability(Path png, String title, Map<String, List<CalibrationMetrics.Bin>> series) throws IOException {
        draw("reliability", png, title, series);
    }

    @Override
    public void curves(Path png, String title, String yTitle, double[] x, Map<String, double[]> series) throws IOException {
        draw("curves", png, title, series);
    }

    @Override
    public void lines(Path png, String title, String xTitle, String yTitle, double[] x, Map<String, double[]> series)
            throws IOException {
        draw("lines", png, title, series);
    }

    @Override
    public void lines(Path png, String title, String xTitle, String yTitle, double[] x, Map<String, double[]> series,
            double yMin, double yMax) throws IOException {
        draw("lines", png, title, series);
    }

    @Override
    public void levels(Path png, String title, String xTitle, String yTitle, double[] x, double[] y, double clean)
            throws IOException {
        draw("levels", png, title, Map.of(yTitle, y));
    }

    private static void draw(String kind, Path png, String title, Map<String, ?> series) throws IOException {
        synchronized (StandInCharts.class) {
            DRAWN.add(new Drawn(kind, png, title, List.copyOf(series.keySet())));
        }
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
    }
}
