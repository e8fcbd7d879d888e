package io.lvnet.regions;

import io.lvnet.landmarks.ShapePredictorFile;
import java.nio.file.Files;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the mouth, eyes and nose regions come from. The one choice every user of regions
 * makes ({@code datasets.regions} in training, {@code --regions} of {@code prepare},
 * {@code detect} and {@code serve}); left unset, {@link #forDataset} and {@link #forFaces} pick
 * the best one available and log it.
 */
public enum RegionSource {
    /** The regions the data set's index ships (its own landmarks or renderer). */
    INDEX,
    /** dlib's 68 landmarks on the face box, each part's box widened by 5 pixels, as the reference draws them. */
    LANDMARKS,
    /** Fixed fractions of the face box ({@link io.lvnet.data.GeometricRegions}): no model needed, coarse. */
    GEOMETRIC;

    private static final Logger LOG = LoggerFactory.getLogger(RegionSource.class);

    /** The name as configurations and options write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code index}, {@code landmarks} or {@code geometric} (case-insensitive). */
    public static RegionSource parse(String text) {
        for (RegionSource s : values()) {
            if (s.label().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown region source '" + text + "' (index, landmarks or geometric)");
    }

    /** Whether dlib's landmark model is where {@link ShapePredictorFile#defaultPath()} looks. */
    public static boolean landmarkModelInstalled() {
        return Files.isRegularFile(ShapePredictorFile.defaultPath());
    }

    /**
     * The source for a data set's regions: the configured one, else the index's where the data
     * set ships regions for every frame used, else landmarks where dlib's model is installed,
     * else the face box's geometry. The choice is logged with its reason.
     *
     * @param configured the configured source, or null to choose
     * @param shipsRegions whether the data set ships regions for every frame used
     * @param modelInstalled whether dlib's model is installed
     */
    public static RegionSource forDataset(RegionSource configured, boolean shipsRegions, boolean modelInstalled) {
        Choice c = choose(configured, shipsRegions, modelInstalled);
        LOG.info(c.describe());
        return c.source();
    }

    /**
     * A source and why it was chosen, as a run's log states it.
     *
     * @param source the source
     * @param reason why: "as configured", "the data set ships them", ...
     */
    public record Choice(RegionSource source, String reason) {
        /** {@code regions: landmarks (as configured)}. */
        public String describe() {
            return "regions: " + source.label() + " (" + reason + ")";
        }
    }

    /** The choice {@link #forDataset} makes, with its reason, without logging it. */
    public static Choice choose(RegionSource configured, boolean shipsRegions, boolean modelInstalled) {
        if (configured != null) {
            return new Choice(configured, "as configured");
        } else if (shipsRegions) {
            return new Choice(INDEX, "the data set ships them");
        } else if (modelInstalled) {
            return new Choice(LANDMARKS, "the data set ships none; dlib's model is at " + ShapePredictorFile.defaultPath());
        }
        return new Choice(GEOMETRIC, "the data set ships none and dlib's model is not installed ("
                + ShapePredictorFile.INSTALL_HINT + ")");
    }

    /**
     * The source for faces found in pictures, which ship no regions: the configured one, else
     * landmarks where dlib's model is installed, else geometry. Logged like {@link #forDataset}.
     *
     * @throws IllegalArgumentException if {@link #INDEX} is configured
     */
    public static RegionSource forFaces(RegionSource configured, boolean modelInstalled) {
        if (configured == INDEX) {
            throw new IllegalArgumentException("pictures ship no regions: choose landmarks or geometric");
        }
        return forDataset(configured, false, modelInstalled);
    }
}
