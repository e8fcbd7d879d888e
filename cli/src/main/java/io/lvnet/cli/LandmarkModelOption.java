package io.lvnet.cli;

import io.lvnet.landmarks.LandmarkModelException;
import io.lvnet.landmarks.ShapePredictor;
import io.lvnet.landmarks.ShapePredictorFile;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How commands that place facial landmarks name dlib's model. */
final class LandmarkModelOption {
    @Option(names = "--model", paramLabel = "FILE",
            description = {"dlib's 68-point shape predictor (default: $" + ShapePredictorFile.ENVIRONMENT + ", else",
                "/usr/share/dlib/shape_predictor_68_face_landmarks.dat from Debian's libdlib-data)."})
    Path model;

    /** The file named, or the default. */
    Path path() {
        return model != null ? model : ShapePredictorFile.defaultPath();
    }

    ShapePredictor load() throws IOException {
        try {
            return ShapePredictorFile.read(path());
        } catch (LandmarkModelException e) {
            throw asFailure(e);
        }
    }

    /** The model's problem as the user sees it: the exception's one-line message, without its class name. */
    static IllegalStateException asFailure(LandmarkModelException e) {
        return new IllegalStateException(e.getMessage(), e);
    }
}
