package io.lvnet.plots;

import io.lvnet.eval.Charts;

import io.lvnet.eval.CalibrationMetrics;

import io.lvnet.eval.BinaryMetrics;



import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts as PNG files, drawn with XChart: what the command line installs (see
 * {@code META-INF/services/io.lvnet.eval.Charts}), so that the library itself needs no plotting.
 */
public final class XChartPlots implements Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** For the service loader. */
    public XChartPlots() {
    }

    /** ROC curves, one series per name (e.g. frame-level, video-level, per method), with AUC in the legend. */
    @Override
    public void roc(Path png, String title, Map<String, BinaryMetrics> curves) throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(560).title(title)
                .xAxisTitle("false positive rate").yAxisTitle("true positive rate").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0)
                .setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        for (Map.Entry<String, BinaryMetrics> e : curves.entrySet()) {
            List<BinaryMetrics.RocPoint> roc = e.getValue().roc();
            double[] fpr = roc.stream().mapToDouble(BinaryMetrics.RocPoint::falsePositiveRate).toArray();
            double[] tpr = roc.stream().mapToDouble(BinaryMetrics.RocPoint::truePositiveRate).toArray();
            XYSeries s = chart.addSeries(String.format("%s (AUC %.3f)", e.getKey(), e.getValue().auc()), fpr, tpr);
            s.setMarker(SeriesMarkers.NONE);
        }
        XYSeries chance = chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
        chance.setMarker(SeriesMarkers.NONE);
        chance.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        save(png, chart);
    }

    /**
     * A reliability diagram: for each series, the share of fakes in each non-empty bin against
     * the bin's mean predicted probability, with the diagonal of perfect calibration.
     */
    @Override
    public void reliability(Path png, String title, Map<String, List<CalibrationMetrics.Bin>> series)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(560).title(title)
                .xAxisTitle("mean predicted fake probability").yAxisTitle("share of faces that are fake").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0)
                .setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        XYSeries ideal = chart.addSeries("perfectly calibrated", new double[] {0, 1}, new double[] {0, 1});
        ideal.setMarker(SeriesMarkers.NONE);
        ideal.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        for (Map.Entry<String, List<CalibrationMetrics.Bin>> e : series.entrySet()) {
            List<CalibrationMetrics.Bin> filled = e.getValue().stream().filter(b -> b.count() > 0).toList();
            chart.addSeries(e.getKey(), filled.stream().mapToDouble(CalibrationMetrics.Bin::meanProbability).toArray(),
                    filled.stream().mapToDouble(CalibrationMetrics.Bin::fakeRate).toArray());
        }
        save(png, chart);
    }

    /** Curves over epochs (loss, AUC), one series per name. */
    @Override
    public void curves(Path png, String title, String yTitle, double[] x, Map<String, double[]> series)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(400).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisDecimalPattern("0").setYAxisDecimalPattern("0.###");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            chart.addSeries(e.getKey(), x, e.getValue());
        }
        save(png, chart);
    }

    /** Lines without markers over a shared x axis, y from the data. */
    @Override
    public void lines(Path png, String title, String xTitle, String yTitle, double[] x, Map<String, double[]> series)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(400).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisDecimalPattern("0").setYAxisDecimalPattern("0.###");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            chart.addSeries(e.getKey(), x, e.getValue()).setMarker(SeriesMarkers.NONE);
        }
        save(png, chart);
    }

    /** Lines over a shared x axis, with fixed y limits. */
    @Override
    public void lines(Path png, String title, String xTitle, String yTitle, double[] x, Map<String, double[]> series,
            double yMin, double yMax) throws IOException {
        XYChart chart = new XYChartBuilder().width(720).height(320).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setYAxisMin(yMin).setYAxisMax(yMax).setYAxisDecimalPattern("0.0").setXAxisDecimalPattern("0.#");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        boolean first = true;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            XYSeries s = chart.addSeries(e.getKey(), x, e.getValue());
            if (!first) {
                s.setMarker(SeriesMarkers.NONE);
                s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
            }
            first = false;
        }
        save(png, chart);
    }

    /**
     * A measure over the levels of a perturbation, with the unperturbed value as a dashed
     * horizontal line across them (also visible when there is a single level).
     *
     * @param x the levels, in the order given
     * @param y the measure at each level
     * @param clean the measure without perturbation
     */
    @Override
    public void levels(Path png, String title, String xTitle, String yTitle, double[] x, double[] y, double clean)
            throws IOException {
        double low = Math.min(clean, java.util.Arrays.stream(y).min().orElse(clean));
        XYChart chart = new XYChartBuilder().width(640).height(400).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setYAxisMin(Math.min(0.5, Math.floor(low * 10) / 10)).setYAxisMax(1.0)
                .setYAxisDecimalPattern("0.0#").setXAxisDecimalPattern("0.##");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        double min = java.util.Arrays.stream(x).min().orElse(0);
        double max = java.util.Arrays.stream(x).max().orElse(1);
        double pad = max > min ? 0 : Math.max(Math.abs(min) * 0.1, 0.1);
        chart.addSeries(yTitle, x, y);
        XYSeries flat = chart.addSeries(String.format(java.util.Locale.ROOT, "unperturbed (%.3f)", clean),
                new double[] {min - pad, max + pad}, new double[] {clean, clean});
        flat.setMarker(SeriesMarkers.NONE);
        flat.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        save(png, chart);
    }

    /** Draws a small chart to a PNG in memory, as {@link #save} would to a file, and drops it. */
    @Override
    public void warmUp() {
        XYChart chart = new XYChartBuilder().width(160).height(120).title("warm-up").xAxisTitle("x").yAxisTitle("y").build();
        chart.addSeries("series", new double[] {0, 1}, new double[] {0, 1});
        try {
            javax.imageio.ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", new java.io.ByteArrayOutputStream());
        } catch (IOException e) {
            // in memory, nothing to fail on; were it to, the first real chart would load the same
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void save(Path png, XYChart chart) throws IOException {
        Path dir = png.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".plot", ".png");
        try {
            BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
            Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
