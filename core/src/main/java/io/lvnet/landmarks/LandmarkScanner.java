package io.lvnet.landmarks;

import io.lvnet.data.FaceBox;
import io.lvnet.data.OpenCvImages;
import io.lvnet.data.FaceFinder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Places landmarks on the faces of picture files: on the box given, or on every face the face
 * finder reports; optionally writes a {@link LandmarkPicture} of each face.
 */
public final class LandmarkScanner {
    private final ShapePredictor predictor;
    private final FaceFinder finder;
    private final FaceBox box;
    private final Path pictures;

    /**
     * @param finder finds the faces when {@code box} is null
     * @param box the face box of every picture, or null to find faces
     * @param pictures folder for the pictures of the faces, or null for none
     */
    public LandmarkScanner(ShapePredictor predictor, FaceFinder finder, FaceBox box, Path pictures) {
        if (finder == null && box == null) {
            throw new IllegalArgumentException("need a face finder or a face box");
        }
        this.predictor = predictor;
        this.finder = finder;
        this.box = box;
        this.pictures = pictures;
    }

    /**
     * The landmarks of one picture; a picture that cannot be read gives an entry with its error.
     *
     * @param index the picture's position among those scanned, which starts its pictures' names
     *     so that pictures of files with the same name do not collide
     * @throws IOException if a picture of a face cannot be written
     */
    public LandmarkReport.FileEntry scan(int index, Path file) throws IOException {
        Mat bgr;
        try {
            bgr = OpenCvImages.readBgr(file);
        } catch (IOException e) {
            return new LandmarkReport.FileEntry(file.toString(), List.of(), e.getMessage());
        }
        try (bgr) {
            GrayImage gray = GrayImage.of(bgr);
            List<LandmarkReport.FaceEntry> faces = new ArrayList<>();
            List<FaceBox> boxes = boxes(bgr);
            for (int k = 0; k < boxes.size(); k++) {
                FaceBox face = boxes.get(k);
                Landmarks landmarks = predictor.predict(gray, face);
                faces.add(LandmarkReport.FaceEntry.of(face, landmarks, gray.width(), gray.height()));
                if (pictures != null) {
                    LandmarkPicture.write(pictures.resolve(pictureName(index, file, k)), bgr, face, landmarks);
                }
            }
            return new LandmarkReport.FileEntry(file.toString(), faces, null);
        }
    }

    private List<FaceBox> boxes(Mat bgr) {
        if (box != null) {
            return List.of(box);
        }
        List<FaceBox> out = new ArrayList<>();
        for (FaceFinder.Found f : finder.find(bgr)) {
            try (f) {
                out.add(f.face());
            }
        }
        return out;
    }

    /** {@code 0003_name_face0.png}: position, file name without extension (odd characters replaced), face. */
    static String pictureName(int index, Path file, int face) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]", "_");
        return String.format("%04d_%s_face%d.png", index, stem, face);
    }
}
