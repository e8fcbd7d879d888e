package io.lvnet.cli;

import io.lvnet.landmarks.FaceAligner;
import io.lvnet.landmarks.LandmarkModelException;
import io.lvnet.landmarks.ShapePredictor;
import io.lvnet.landmarks.ShapePredictorFile;
import io.lvnet.regions.PartLocator;
import io.lvnet.regions.RegionSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How commands that work on found faces ({@code prepare}, {@code detect}, {@code serve}) place mouth, eyes and nose. */
final class RegionOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--regions", paramLabel = "SOURCE",
            description = {"Where mouth, eyes and nose are: landmarks (dlib's 68 points, the reference's",
                "regions) or geometric (fixed fractions of the face box). Default: landmarks when",
                "dlib's model is installed, else geometric."})
    String regions;

    @Option(names = "--landmark-model", paramLabel = "FILE",
            description = {"dlib's 68-point shape predictor (default: $" + ShapePredictorFile.ENVIRONMENT + ", else",
                "/usr/share/dlib/shape_predictor_68_face_landmarks.dat from Debian's libdlib-data)."})
    Path model;

    /** The source chosen (and logged). */
    RegionSource source() {
        RegionSource configured;
        try {
            configured = regions == null ? null : RegionSource.parse(regions);
            return RegionSource.forFaces(configured,
                    model != null ? Files.isRegularFile(model) : RegionSource.landmarkModelInstalled());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--regions: " + e.getMessage());
        }
    }

    private ShapePredictor predictor;

    /** The locator of {@code source}; a missing or broken model is one line. */
    PartLocator open(RegionSource source) throws IOException {
        return source == RegionSource.LANDMARKS ? PartLocator.landmarks(predictor()) : PartLocator.open(source, model);
    }

    /** The aligner of {@code --align}, on the same landmark model as the regions (read once). */
    FaceAligner aligner() throws IOException {
        return new FaceAligner(predictor());
    }

    /** dlib's model, {@code --landmark-model} or the default, read on first use; a missing or broken one is one line. */
    private ShapePredictor predictor() throws IOException {
        if (predictor == null) {
            try {
                predictor = ShapePredictorFile.read(model != null ? model : ShapePredictorFile.defaultPath());
            } catch (LandmarkModelException e) {
                throw LandmarkModelOption.asFailure(e);
            }
        }
        return predictor;
    }

    /** How the regions are drawn, in words (for {@code dataset.json} and the service's info). */
    static String describe(RegionSource source) {
        return source == RegionSource.LANDMARKS
                ? "dlib's 68 landmarks, each part's box widened by 5 px (the reference's rule)"
                : "face-box geometry (no landmarks)";
    }
}
