package io.lvnet.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * PNG charts people would rather look at than read: ROC curves, reliability diagrams, training
 * curves, timelines. The library says what to draw; an implementation found on the class path
 * ({@link ServiceLoader}) draws it, so that a program that embeds the library and wants no
 * plotting library gets no charts ({@link #NONE}) and nothing else changes. The command line
 * installs one (XChart).
 */
public interface Charts {
    /** Draws nothing. */
    Charts NONE = new Charts() {
        @Override
        public void roc(Path png, String title, Map<String, BinaryMetrics> curves) {
        }

        @Override
        public void reliability(Path png, String title, Map<String, List<CalibrationMetrics.Bin>> series) {
        }

        @Override
        public void curves(Path png, String title, String yTitle, double[] x, Map<String, double[]> series) {
        }

        @Override
        public void lines(Path png, String title, String xTitle, String yTitle, double[] x, Map<String, double[]> series) {
        }

        @Override
        public void lines(Path png, String title, String xTitle, String yTitle, double[] x, Map<String, double[]> series,
                double yMin, double yMax) {
        }

        @Override
        public void levels(Path png, String title, String xTitle, String yTitle, double[] x, double[] y, double clean) {
        }
    };

    /** The first implementation on the class path, else {@link #NONE}. */
    static Charts installed() {
        return Installed.CHARTS;
    }

    /** ROC curves, one series per name (frame-level, video-level, per method), with AUC in the legend. */
    void roc(Path png, String title, Map<String, BinaryMetrics> curves) throws IOException;

    /** Reliability diagrams: observed fake rate against mean predicted probability per bin, one series per name. */
    void reliability(Path png, String title, Map<String, List<CalibrationMetrics.Bin>> series) throws IOException;

    /** Curves over epochs (loss, AUC), one series per name. */
    void curves(Path png, String title, String yTitle, double[] x, Map<String, double[]> series) throws IOException;

    /** Lines over a shared x axis, one series per name. */
    void lines(Path png, String title, String xTitle, String yTitle, double[] x, Map<String, double[]> series)
            throws IOException;

    /** Lines over a shared x axis, with fixed y limits. */
    void lines(Path png, String title, String xTitle, String yTitle, double[] x, Map<String, double[]> series,
            double yMin, double yMax) throws IOException;

    /**
     * A measure over the levels of a perturbation, with the unperturbed value as a dashed
     * horizontal line across them.
     *
     * @param x the levels, in the order given
     * @param y the measure at each level
     * @param clean the measure without perturbation
     */
    void levels(Path png, String title, String xTitle, String yTitle, double[] x, double[] y, double clean)
            throws IOException;

    /**
     * Draws one small chart in memory and discards it, so that what drawing keeps for good (the
     * fonts, the rasteriser's native libraries and caches, some 10 MB) is in place before a long
     * run's first memory reading, and later readings compare like with like. Draws nothing here.
     */
    default void warmUp() {
    }

    /** Looked up once. */
    final class Installed {
        static final Charts CHARTS = ServiceLoader.load(Charts.class).findFirst().orElse(NONE);

        private Installed() {
        }
    }
}
