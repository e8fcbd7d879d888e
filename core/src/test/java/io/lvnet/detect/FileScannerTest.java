package io.lvnet.detect;

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
import io.lvnet.model.LvNetModel;
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
}
