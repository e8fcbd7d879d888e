package io.lvnet.perturb;

import io.lvnet.augment.GaussianBlur;
import io.lvnet.augment.GaussianNoise;
import io.lvnet.augment.JpegCompression;
import io.lvnet.augment.Resize;
import io.lvnet.augment.Sample;
import io.lvnet.data.Raster;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The kinds of perturbation and what their level means. Every kind works on an 8-bit, three
 * channel frame in OpenCV's BGR order; blur, noise and resizing treat the channels alike, and
 * the JPEG and H.264 encoders expect BGR, so the frame is never reordered.
 */
public enum PerturbationKind {
    /** JPEG re-encoding (OpenCV's encoder, 4:2:0); level: quality, 1 (worst) to 100. */
    JPEG("jpeg", "JPEG quality", true) {
        @Override
        void check(double level) {
            requireInteger(level);
            require(level >= 1 && level <= 100, "quality must be 1 to 100");
        }

        @Override
        Raster apply(Raster frame, double level, long seed) {
            return fromSample(JpegCompression.recompress(toSample(frame), (int) level));
        }
    },
    /**
     * H.264 re-encoding of the frame as a one-frame video (an intra frame) with
     * {@code libopenh264}; level: the quantiser, 0 (finest) to 51, the scale of x264's CRF.
     */
    H264("h264", "H.264 quantiser", true) {
        @Override
        void check(double level) {
            requireInteger(level);
            require(level >= 0 && level <= 51, "quantiser must be 0 to 51");
        }

        @Override
        Raster apply(Raster frame, double level, long seed) {
            return H264RoundTrip.roundTrip(frame, (int) level);
        }
    },
    /**
     * Resizing down by a factor and back up to the original size, both with OpenCV's linear
     * interpolation (what an upload that is shown larger than it was stored goes through);
     * level: the factor, above 0 and at most 1.
     */
    RESIZE("resize", "scale factor", false) {
        @Override
        void check(double level) {
            require(level > 0 && level <= 1, "factor must be above 0 and at most 1");
        }

        @Override
        Raster apply(Raster frame, double level, long seed) {
            Sample s = toSample(frame);
            int h = Math.max(1, (int) Math.round(frame.height() * level));
            int w = Math.max(1, (int) Math.round(frame.width() * level));
            return fromSample(Resize.resized(Resize.resized(s, h, w), frame.height(), frame.width()));
        }
    },
    /** Gaussian blur; level: sigma in pixels of the frame, above 0. */
    BLUR("blur", "blur sigma (px)", false) {
        @Override
        void check(double level) {
            require(level > 0 && level <= 100, "sigma must be above 0 and at most 100");
        }

        @Override
        Raster apply(Raster frame, double level, long seed) {
            return fromSample(GaussianBlur.blurSigma(toSample(frame), level));
        }
    },
    /**
     * Additive Gaussian noise, independent per pixel and channel, clamped to 0-255; level: the
     * standard deviation in 8-bit units, 0 or more. Drawn from the seed, so a frame gets the
     * same noise every time.
     */
    NOISE("noise", "noise std (0-255)", false) {
        @Override
        void check(double level) {
            require(level >= 0 && level <= 255, "standard deviation must be 0 to 255");
        }

        @Override
        Raster apply(Raster frame, double level, long seed) {
            return fromSample(GaussianNoise.addNoise(toSample(frame), level * level, new SplittableRandom(seed)));
        }
    };

    private final String id;
    private final String parameter;
    private final boolean integerLevels;

    PerturbationKind(String id, String parameter, boolean integerLevels) {
        this.id = id;
        this.parameter = parameter;
        this.integerLevels = integerLevels;
    }

    /** The name in a spec and in reports: {@code jpeg}, {@code h264}, {@code resize}, {@code blur}, {@code noise}. */
    public String id() {
        return id;
    }

    /** What the level measures, for axis titles and tables. */
    public String parameter() {
        return parameter;
    }

    /** The level as written in a spec: an integer for the encoders, else as short as it goes. */
    public String format(double level) {
        if (integerLevels || level == Math.rint(level)) {
            return Long.toString((long) level);
        }
        return String.format(Locale.ROOT, "%s", level);
    }

    /**
     * Refuses a level this kind cannot take.
     *
     * @throws IllegalArgumentException naming the kind and the level
     */
    abstract void check(double level);

    /** The perturbed frame, the size of {@code frame}; {@code seed} feeds the random kinds. */
    abstract Raster apply(Raster frame, double level, long seed);

    /**
     * The kind named {@code id}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static PerturbationKind of(String id) {
        for (PerturbationKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown perturbation '" + id + "' (jpeg, h264, resize, blur or noise)");
    }

    void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(id + ": " + what);
        }
    }

    void requireInteger(double level) {
        require(level == Math.rint(level), "levels must be whole numbers");
    }

    private static Sample toSample(Raster frame) {
        // the bytes stay in BGR order: see the class comment
        return Sample.of(frame.height(), frame.width(), frame.data());
    }

    private static Raster fromSample(Sample s) {
        return new Raster(s.width(), s.height(), 3, s.rgb());
    }
}
