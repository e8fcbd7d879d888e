package io.lvnet.cli;

import io.lvnet.data.FaceDetectorChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** How the commands that find faces ({@code detect}, {@code serve}, {@code prepare}, {@code bench --faces}) choose the detector. */
final class FaceDetectorOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--detector", paramLabel = "NAME", converter = KindConverter.class,
            description = {"Face detector, all shipped with lvnet: blazeface (MediaPipe's BlazeFace, the default: its",
                "full-range model finds faces down to 5 %% of the picture, its short-range model boxes them),",
                "blazeface-short (the short-range model alone: faster, but misses faces under a tenth of the",
                "picture) or haar (OpenCV's frontal-face cascade: fewer faces found, looser boxes)."})
    FaceDetectorChoice.Kind detector;

    @Option(names = "--detector-model", paramLabel = "FILE", split = ",",
            description = "A DNN face detector from files instead: a YuNet .onnx file, or res10's deploy.prototxt,model.caffemodel.")
    List<Path> detectorModel;

    /** Whether the user named a detector (else the default applies). */
    boolean named() {
        return detector != null || (detectorModel != null && !detectorModel.isEmpty());
    }

    /**
     * The detector chosen, loaded once to check it, so that a bad model file stops the command
     * at the start rather than failing every picture.
     *
     * @throws ParameterException for --detector with --detector-model, or model files of no known kind
     * @throws IOException if the model cannot be loaded
     */
    FaceDetectorChoice choice() throws IOException {
        FaceDetectorChoice choice;
        if (detectorModel != null && !detectorModel.isEmpty()) {
            if (detector != null) {
                throw new ParameterException(spec.commandLine(), "--detector and --detector-model exclude each other");
            }
            try {
                choice = FaceDetectorChoice.files(detectorModel);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--detector-model: " + e.getMessage());
            }
        } else {
            choice = detector == null ? FaceDetectorChoice.DEFAULT : FaceDetectorChoice.bundled(detector);
        }
        choice.open().close();
        return choice;
    }

    /** A bundled detector's name, in any case; other names are a usage error. */
    static final class KindConverter implements ITypeConverter<FaceDetectorChoice.Kind> {
        @Override
        public FaceDetectorChoice.Kind convert(String value) {
            try {
                return FaceDetectorChoice.Kind.bundled(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
