package io.lvnet.landmarks;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;

import io.lvnet.data.CropBox;
import io.lvnet.data.CropTransform;
import io.lvnet.data.FaceBox;
import io.lvnet.data.FaceCrops;
import io.lvnet.data.FaceDetector;
import io.lvnet.data.FaceFinder;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds faces as {@link FaceFinder#detecting} does, and crops each aligned ({@code --align}): its
 * landmarks placed on the detector's box, the picture turned and scaled so that eyes, nose tip and
 * mouth corners sit on {@link FaceAligner}'s template. The crop keeps the size of the box crop
 * ({@link FaceCrops#side}) and so the picture's resolution; {@link Found#alignment()} maps the
 * picture to it and back.
 */
public final class AligningFaceFinder implements FaceFinder {
    private final FaceDetector detector;
    private final FaceCrops crops;
    private final FaceAligner aligner;
    private final boolean largestOnly;

    /**
     * @param detector finds the faces; closed with this finder
     * @param crops the crop scale (the template's margin) and the box crops for quality
     * @param largestOnly keep only the largest face of each picture
     */
    public AligningFaceFinder(FaceDetector detector, FaceCrops crops, FaceAligner aligner, boolean largestOnly) {
        this.detector = detector;
        this.crops = crops;
        this.aligner = aligner;
        this.largestOnly = largestOnly;
    }

    @Override
    public List<Found> find(Mat bgr) {
        List<FaceBox> faces = FaceFinder.detected(detector, bgr, largestOnly);
        List<Found> out = new ArrayList<>();
        if (faces.isEmpty()) {
            return out;
        }
        GrayImage grey = GrayImage.of(bgr);
        for (FaceBox face : faces) {
            int side = crops.side(face);
            CropBox box = crops.box(face, bgr.cols(), bgr.rows());
            CropTransform toCrop = aligner.transform(grey, face, side, crops.scale());
            out.add(new Found(face, box, toCrop.warp(bgr, side, INTER_LINEAR), toCrop));
        }
        return out;
    }

    @Override
    public void close() {
        detector.close();
    }
}
