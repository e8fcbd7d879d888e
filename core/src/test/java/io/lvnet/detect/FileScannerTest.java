package io.lvnet.detect;

import io.lvnet.data.FaceFinder;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.CascadeFaceDetector;
import io.lvnet.data.FaceCrops;
import io.lvnet.data.FrameSampling;
import io.lvnet.data.SyntheticFaces;
import io.lvnet.data.TestVideos;
import io.lvnet.model.LvNetConfig;
import io.lvnet.regions.PartAttribution;
import io.lvnet.regions.PartLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scanning many files at once shares batches across them and gives each file its own result. */
class FileScannerTest {
    @TempDir
    Path dir;

    @Test
    void facesOfSeveralFilesShareBatchesAndScoreAsAlone() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path p = dir.resolve("face" + i + ".png");
            try (Mat face = SyntheticFaces.face(200, 160, 90 + 10 * i, 80, 48 + 4 * i)) {
                imwrite(p.toString(), face);
            }
            files.add(p);
        }
        files.add(1, Files.write(dir.resolve("broken.jpg"), new byte[] {1, 2, 3}));
        files.add(TestVideos.write(dir.resolve("clip.mp4"), "mp4", 12, 6));
        try (LvNetModel model = LvNetModel.create(LvNetConfig.compact());
                FaceFinder finder = FaceFinder.detecting(CascadeFaceDetector.bundled(),
                        new FaceCrops(1.3, FaceCrops.Border.SHIFT_AND_SHRINK), false)) {
            FileScanner pooled = new FileScanner(model, finder, FrameSampling.evenly(3), 2, null, 1);
            FileScanner alone = new FileScanner(model, finder, FrameSampling.evenly(3), 2, null);
            int[] progress = {0};
            List<FileResult> together = pooled.scan(files, done -> progress[0] += done);
            assertEquals(files.size(), progress[0]);
            for (int i = 0; i < files.size(); i++) {
                FileResult a = together.get(i);
                FileResult b = alone.scan(files.get(i));
                assertEquals(b.path(), a.path());
                assertEquals(b.type(), a.type());
                assertEquals(b.error(), a.error());
                assertEquals(b.faces().size(), a.faces().size());
                for (int f = 0; f < a.faces().size(); f++) {
                    assertArrayEquals(b.faces().get(f).box(), a.faces().get(f).box());
                    assertEquals(b.faces().get(f).fakeProbability(), a.faces().get(f).fakeProbability(), 1e-5);
                }
                if (b.fakeProbability() == null) {
                    assertNull(a.fakeProbability());
                } else {
                    assertEquals(b.fakeProbability(), a.fakeProbability(), 1e-5);
                }
            }
            assertTrue(together.get(1).failed(), "the corrupt picture fails alone");
            assertTrue(together.get(1).error().contains("broken.jpg"), together.get(1).error());
            assertEquals(1, together.get(0).faces().size());
            assertEquals(3, together.get(4).frames().size(), "the video is sampled");
        }
    }

    /**
     * With a part locator, each face says which part holds its forged patches; the parts are
     * placed in the model's input, so together they cover the face box as the crop shows it.
     */
    @Test
    void facesSayWhichPartHoldsTheirForgedPatches() throws Exception {
        Path picture = dir.resolve("face.png");
        try (Mat face = SyntheticFaces.face(200, 160, 90, 80, 48)) {
            imwrite(picture.toString(), face);
        }
        try (LvNetModel model = LvNetModel.create(LvNetConfig.compact());
                FaceFinder finder = FaceFinder.detecting(CascadeFaceDetector.bundled(),
                        new FaceCrops(1.3, FaceCrops.Border.SHIFT_AND_SHRINK), false)) {
            FileScanner plain = new FileScanner(model, finder, FrameSampling.evenly(3), 2, null);
            assertNull(plain.scan(picture).faces().get(0).parts(), "no parts unless asked");
            FaceResult r = plain.withParts(PartLocator.geometric()).scan(picture).faces().get(0);
            int size = model.config().inputSize();
            int grid = r.patchMap().length;
            double patch = (double) size * size / (grid * grid);
            // the crop is 1.3 times the face box's longer side, so the box fills (1 / 1.3)^2 of
            // the input, less what its shorter side leaves
            double faceInInput = (double) r.box()[2] * r.box()[3] / Math.pow(Math.max(r.box()[2], r.box()[3]) * 1.3, 2)
                    * size * size;
            assertEquals(faceInInput / patch, total(r.parts()), 0.03 * faceInInput / patch);
            assertTrue(r.parts().parts().get("mouth").area() > 1, "the mouth covers patches");
            // a whole picture taken as a crop holds its face in the centred square 1.3 times smaller
            Path crop = dir.resolve("crop.png");
            try (Mat c = SyntheticFaces.face(160, 160, 80, 80, 60)) {
                imwrite(crop.toString(), c);
            }
            FaceResult whole = new FileScanner(model, FaceFinder.wholeImage(), FrameSampling.evenly(3), 2, null)
                    .withParts(PartLocator.geometric()).scan(crop).faces().get(0);
            assertArrayEquals(new int[] {0, 0, 160, 160}, whole.box());
            assertEquals(123.0 * 123 * size * size / (160.0 * 160) / patch, total(whole.parts()), 0.5);
        }
    }

    private static double total(PartAttribution a) {
        return a.parts().values().stream().mapToDouble(PartAttribution.Share::area).sum();
    }
}
