package io.lvnet.regions;

import io.lvnet.data.FaceBox;
import io.lvnet.data.GeometricRegions;
import io.lvnet.landmarks.GrayImage;
import io.lvnet.landmarks.LandmarkModelException;
import io.lvnet.landmarks.Region;
import io.lvnet.landmarks.ShapePredictor;
import io.lvnet.landmarks.ShapePredictorFile;
import java.io.IOException;
import java.nio.file.Path;

/** Finds the parts of a face given its box. Implementations are thread-safe. */
@FunctionalInterface
public interface PartLocator {

    /**
     * The parts of the face in {@code box}.
     *
     * @param image the picture (its grey levels; geometry does not read it)
     * @param box the face box in the picture's pixels
     */
    FaceParts locate(GrayImage image, FaceBox box);

    /** Whether {@link #locate} reads the picture (callers may then skip making its grey levels). */
    default boolean readsImage() {
        return true;
    }

    /** Parts as fixed fractions of the face box ({@link GeometricRegions}). */
    static PartLocator geometric() {
        return new PartLocator() {
            @Override
            public FaceParts locate(GrayImage image, FaceBox box) {
                return new FaceParts(FaceParts.region(box), rect("mouth", box), rect("eyes", box), rect("nose", box), false);
            }

            @Override
            public boolean readsImage() {
                return false;
            }
        };
    }

    /**
     * Parts from dlib's 68 landmarks, as the reference draws its reference regions
     * ({@link FaceParts#of(io.lvnet.landmarks.Landmarks, FaceBox)}).
     */
    static PartLocator landmarks(ShapePredictor predictor) {
        return (image, box) -> FaceParts.of(predictor.predict(image, box), box);
    }

    /**
     * The locator of a source: {@link RegionSource#LANDMARKS} loads dlib's model from
     * {@code model} (null: {@link ShapePredictorFile#defaultPath()}).
     *
     * @throws IllegalArgumentException for {@link RegionSource#INDEX}, which needs no locator
     * @throws IOException if the model cannot be read; a {@link LandmarkModelException} names the
     *     file and, when it is missing, the package that installs it
     */
    static PartLocator open(RegionSource source, Path model) throws IOException {
        return switch (source) {
            case GEOMETRIC -> geometric();
            case LANDMARKS -> landmarks(ShapePredictorFile.read(model == null ? ShapePredictorFile.defaultPath() : model));
            case INDEX -> throw new IllegalArgumentException("regions from the index need no locator");
        };
    }

    private static Region rect(String part, FaceBox box) {
        int[] r = GeometricRegions.rectangle(part, box);
        return new Region(r[0], r[1], r[2], r[3]);
    }
}
