package io.lvnet.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/** Finds the faces of a picture and cuts them out as the model was trained to see them. */
public interface FaceFinder extends AutoCloseable {

    /**
     * A face: where it is in the picture and its crop (which the caller closes).
     *
     * @param face the face box in the picture
     * @param cropBox the square a box crop of the face cuts from the picture (also for an aligned
     *     crop, whose quality is measured on the picture's own pixels there)
     * @param crop the crop: the box cut out, or the aligned face
     * @param alignment the map from the picture to an aligned crop; null for a box crop
     */
    record Found(FaceBox face, CropBox cropBox, Mat crop, CropTransform alignment) implements AutoCloseable {
        /** A box crop. */
        public Found(FaceBox face, CropBox cropBox, Mat crop) {
            this(face, cropBox, crop, null);
        }

        /** Whether the crop is aligned rather than cut. */
        public boolean aligned() {
            return alignment != null;
        }

        /** The map from the picture's pixels to the crop's. */
        public CropTransform toCrop() {
            return alignment != null ? alignment : CropTransform.of(cropBox, cropBox.size());
        }

        /** The face box in the crop's pixels. */
        public FaceBox faceInCrop() {
            return toCrop().box(face, crop.cols());
        }

        @Override
        public void close() {
            crop.close();
        }
    }

    /** The faces of a BGR picture, best first. */
    List<Found> find(Mat bgr);

    @Override
    default void close() {
    }

    /**
     * The face inside a found face's box, as a landmark model expects it: the box itself, or for
     * a whole picture taken as a crop, the face such a crop holds (the centred square
     * {@link FaceCrops#DEFAULT_SCALE} times smaller).
     */
    default FaceBox faceInside(Found found) {
        return found.face();
    }

    /** Takes the whole picture as one aligned face crop ({@code --face none}). */
    static FaceFinder wholeImage() {
        return new FaceFinder() {
            @Override
            public List<Found> find(Mat bgr) {
                FaceBox all = new FaceBox(0, 0, bgr.cols(), bgr.rows(), 1.0);
                return List.of(new Found(all,
                        new CropBox(0, 0, Math.max(bgr.cols(), bgr.rows()), bgr.cols(), bgr.rows()), bgr.clone()));
            }

            @Override
            public FaceBox faceInside(Found found) {
                return FaceBox.centred(found.face().width(), found.face().height(), FaceCrops.DEFAULT_SCALE);
            }
        };
    }

    /**
     * The finder {@code lvnet detect} sets up from its options: the chosen detector, crops as
     * training cuts them.
     *
     * @param detector the face detector, opened here and closed with the finder
     * @param cropScale side of the square crop over the face box
     * @param largestOnly keep only the largest face of each picture
     * @throws IOException if the detector's model files cannot be loaded
     */
    static FaceFinder using(FaceDetectorChoice detector, double cropScale, boolean largestOnly) throws IOException {
        return detecting(detector.open(), new FaceCrops(cropScale, FaceCrops.Border.SHIFT_AND_SHRINK), largestOnly);
    }

    /**
     * As {@link #using}, the detector named by its model files (lvnet-spark's settings).
     *
     * @param wholeImage take each picture as one aligned crop ({@code --face none}); the other
     *     arguments are then ignored
     * @param detectorModel null or empty for the default detector ({@link FaceDetectorChoice#DEFAULT}),
     *     a YuNet {@code .onnx} file, or res10's {@code deploy.prototxt} and {@code .caffemodel}
     * @throws IllegalArgumentException if the detector files are none of those
     */
    static FaceFinder configured(boolean wholeImage, List<Path> detectorModel, double cropScale, boolean largestOnly)
            throws IOException {
        if (wholeImage) {
            return wholeImage();
        }
        return using(detectorModel == null || detectorModel.isEmpty() ? FaceDetectorChoice.DEFAULT
                : FaceDetectorChoice.files(detectorModel), cropScale, largestOnly);
    }

    /** The faces a detector finds in a picture, or only the largest of them. */
    static List<FaceBox> detected(FaceDetector detector, Mat bgr, boolean largestOnly) {
        List<FaceBox> faces = detector.detect(bgr);
        return largestOnly ? FaceCrops.largest(faces).map(List::of).orElse(List.of()) : faces;
    }

    /** Detects faces and crops each as training does (square, scaled around the face). */
    static FaceFinder detecting(FaceDetector detector, FaceCrops crops, boolean largestOnly) {
        return new FaceFinder() {
            @Override
            public List<Found> find(Mat bgr) {
                List<Found> out = new ArrayList<>();
                for (FaceBox f : detected(detector, bgr, largestOnly)) {
                    FaceCrop c = crops.crop(bgr, f);
                    out.add(new Found(f, c.box(), c.image()));
                }
                return out;
            }

            @Override
            public void close() {
                detector.close();
            }
        };
    }
}
