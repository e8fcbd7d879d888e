package io.lvnet.detect;

import io.lvnet.data.CropBox;
import io.lvnet.data.FaceBox;
import io.lvnet.data.FaceCrop;
import io.lvnet.data.FaceCrops;
import io.lvnet.data.FaceDetector;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/** Finds the faces of a picture and cuts them out as the model was trained to see them. */
public interface FaceFinder extends AutoCloseable {

    /** A face: where it is in the picture and its crop (which the caller closes). */
    record Found(FaceBox face, CropBox cropBox, Mat crop) implements AutoCloseable {
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

    /** Takes the whole picture as one aligned face crop ({@code --face none}). */
    static FaceFinder wholeImage() {
        return bgr -> {
            FaceBox all = new FaceBox(0, 0, bgr.cols(), bgr.rows(), 1.0);
            return List.of(new Found(all, new CropBox(0, 0, Math.max(bgr.cols(), bgr.rows()), bgr.cols(), bgr.rows()),
                    bgr.clone()));
        };
    }

    /** Detects faces and crops each as training does (square, scaled around the face). */
    static FaceFinder detecting(FaceDetector detector, FaceCrops crops, boolean largestOnly) {
        return new FaceFinder() {
            @Override
            public List<Found> find(Mat bgr) {
                List<FaceBox> faces = detector.detect(bgr);
                if (largestOnly) {
                    faces = FaceCrops.largest(faces).map(List::of).orElse(List.of());
                }
                List<Found> out = new ArrayList<>();
                for (FaceBox f : faces) {
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
