package io.lvnet.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which face detector to use, as the commands that find faces ({@code detect}, {@code serve},
 * {@code prepare}, {@code bench --faces}) name it: a bundled one ({@link Kind#BLAZEFACE}, the
 * default, {@link Kind#BLAZEFACE_SHORT} or {@link Kind#HAAR}) or a DNN model from files ({@link Kind#YUNET},
 * {@link Kind#RES10}). {@link #open()} makes a new detector each call, so the choice can be
 * handed to several threads that each open their own.
 *
 * @param kind the detector
 * @param model the model files of {@link Kind#YUNET} (one) and {@link Kind#RES10} (two);
 *     empty for the bundled detectors
 */
public record FaceDetectorChoice(Kind kind, List<Path> model) {
    /** BlazeFace, both models ({@link TwoStageBlazeFace}); the README's detect section has the figures. */
    public static final FaceDetectorChoice DEFAULT = new FaceDetectorChoice(Kind.BLAZEFACE, List.of());

    /** The detectors. */
    public enum Kind {
        /** MediaPipe's BlazeFace, full range to find and short range to box, bundled: {@link TwoStageBlazeFace}. */
        BLAZEFACE("blazeface", "BlazeFace full-range + short-range (MediaPipe), bundled"),
        /** MediaPipe's BlazeFace, short range only, bundled: {@link BlazeFaceDetector#shortRange()}. */
        BLAZEFACE_SHORT("blazeface-short", "BlazeFace short-range (MediaPipe), bundled"),
        /** OpenCV's frontal-face Haar cascade, bundled: {@link CascadeFaceDetector}. */
        HAAR("haar", "OpenCV haarcascade_frontalface_default, bundled"),
        /** YuNet from an ONNX file: {@link YuNetFaceDetector}. */
        YUNET("yunet", "YuNet"),
        /** The res10 SSD from Caffe files: {@link DnnFaceDetector}. */
        RES10("res10", "res10 SSD");

        private final String id;
        private final String description;

        Kind(String id, String description) {
            this.id = id;
            this.description = description;
        }

        /** The name on the command line. */
        public String id() {
            return id;
        }

        /** Whether the detector ships with lvnet (no model files). */
        public boolean bundled() {
            return this == BLAZEFACE || this == BLAZEFACE_SHORT || this == HAAR;
        }

        /**
         * A bundled detector by its name.
         *
         * @throws IllegalArgumentException for any other name
         */
        public static Kind bundled(String id) {
            for (Kind k : values()) {
                if (k.bundled() && k.id.equals(id.toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown face detector '" + id + "': expected "
                    + String.join(", ", Arrays.stream(values()).filter(Kind::bundled).map(Kind::id).toList()));
        }
    }

    public FaceDetectorChoice {
        Objects.requireNonNull(kind, "kind");
        model = List.copyOf(model);
        int files = switch (kind) {
            case BLAZEFACE, BLAZEFACE_SHORT, HAAR -> 0;
            case YUNET -> 1;
            case RES10 -> 2;
        };
        if (model.size() != files) {
            throw new IllegalArgumentException(kind.id + " takes " + files + " model file(s), got " + model.size());
        }
    }

    /** A bundled detector. */
    public static FaceDetectorChoice bundled(Kind kind) {
        return new FaceDetectorChoice(kind, List.of());
    }

    /**
     * A DNN detector from its files: a YuNet {@code .onnx} file, or res10's
     * {@code deploy.prototxt} and {@code .caffemodel}.
     *
     * @throws IllegalArgumentException if the files are neither
     */
    public static FaceDetectorChoice files(List<Path> model) {
        if (model.size() == 1 && model.get(0).toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            return new FaceDetectorChoice(Kind.YUNET, model);
        }
        if (model.size() == 2) {
            return new FaceDetectorChoice(Kind.RES10, model);
        }
        throw new IllegalArgumentException("a face detector model is a YuNet .onnx file or deploy.prototxt,model.caffemodel, got "
                + model);
    }

    /**
     * A new detector; the caller closes it.
     *
     * @throws IOException if a model file is missing or unreadable
     */
    public FaceDetector open() throws IOException {
        return switch (kind) {
            case BLAZEFACE -> TwoStageBlazeFace.bundled();
            case BLAZEFACE_SHORT -> BlazeFaceDetector.shortRange();
            case HAAR -> CascadeFaceDetector.bundled();
            case YUNET -> YuNetFaceDetector.load(model.get(0));
            case RES10 -> DnnFaceDetector.res10(model.get(0), model.get(1));
        };
    }

    /** What a data set's description or a report says about the detector. */
    public String describe() {
        return kind.description + (model.isEmpty() ? ""
                : " " + String.join(",", model.stream().map(p -> String.valueOf(p.getFileName())).toList()));
    }
}
