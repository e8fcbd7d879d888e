package io.lvnet.synth;

import io.lvnet.blend.Rng;

import io.lvnet.blend.RenderedFrame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.FaceBox;
import io.lvnet.data.CascadeFaceDetector;
import io.lvnet.data.Raster;
import java.util.List;
import java.util.Locale;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class FaceRendererTest {
    private static RenderedFrame render(FaceRenderer r, long seed, int clip, int frame, int frames) {
        Identity id = Identity.random(Rng.derive(seed, "identity", clip));
        Scene scene = Scene.random(Rng.derive(seed, "scene", clip), r.size());
        List<Expression> ex = Expression.track(Rng.derive(seed, "expression", clip), frames);
        List<HeadPose> pose = HeadPose.track(Rng.derive(seed, "pose", clip), frames);
        return r.render(scene, id, ex.get(frame), pose.get(frame), Rng.derive(seed, "noise/" + clip, frame));
    }

    /**
     * The share of frames in which OpenCV's bundled frontal face cascade finds the rendered face
     * (a detection overlapping the true box with IoU at least 0.3).
     */
    private static double cascadeRate(int size, int clips, int frames, long seed) throws java.io.IOException {
        FaceRenderer r = new FaceRenderer(size);
        int found = 0;
        try (CascadeFaceDetector cascade = CascadeFaceDetector.bundled()) {
            for (int c = 0; c < clips; c++) {
                for (int f = 0; f < frames; f++) {
                    RenderedFrame frame = render(r, seed, c, f, frames);
                    try (Mat m = frame.image().toMat()) {
                        List<FaceBox> boxes = cascade.detect(m);
                        found += boxes.stream().anyMatch(b -> b.iou(frame.box()) >= 0.3) ? 1 : 0;
                    }
                }
            }
        }
        double rate = (double) found / (clips * frames);
        System.out.printf(Locale.ROOT, "face cascade at %d px: %d of %d frames (%.1f %%)%n", size, found,
                clips * frames, 100 * rate);
        return rate;
    }

    @Test
    void theBundledFaceCascadeFindsTheRenderedFace() throws Exception {
        assertTrue(cascadeRate(299, 40, 2, 11) >= 0.9);
    }

    @Test
    @Tag("heavy")
    void theBundledFaceCascadeFindsTheRenderedFaceInManyFramesAtTwoSizes() throws Exception {
        assertTrue(cascadeRate(299, 200, 5, 12) >= 0.9);
        assertTrue(cascadeRate(128, 200, 5, 13) >= 0.9);
    }

    @Test
    void renderingIsAPureFunctionOfItsInputs() {
        FaceRenderer r = new FaceRenderer(96);
        assertEquals(render(r, 1, 0, 1, 3).image(), render(r, 1, 0, 1, 3).image());
        assertNotEquals(render(r, 1, 0, 1, 3).image(), render(r, 1, 0, 2, 3).image());
        assertNotEquals(render(r, 1, 0, 1, 3).image(), render(r, 1, 1, 1, 3).image());
    }

    @Test
    void landmarksRegionsAndBoxDescribeTheFace() {
        FaceRenderer r = new FaceRenderer(160);
        for (int c = 0; c < 10; c++) {
            RenderedFrame f = render(r, 2, c, 0, 1);
            double[][] lm = f.landmarks();
            assertEquals(68, lm.length);
            FaceBox b = f.box();
            for (double[] p : lm) {
                assertTrue(p[0] >= b.x() - 2 && p[0] <= b.x() + b.width() + 2 && p[1] >= b.y() - 2
                        && p[1] <= b.y() + b.height() + 2, "landmark outside the box " + b);
            }
            // brows above eyes above the nose tip above the mouth above the chin
            assertTrue(lm[19][1] < lm[37][1] && lm[37][1] < lm[30][1] && lm[30][1] < lm[51][1] && lm[51][1] < lm[8][1]);
            // the image's left eye is on the left
            assertTrue(lm[36][0] < lm[45][0]);
            assertTrue(centreInside(f.regions().mouth(), lm[51][0], (lm[51][1] + lm[57][1]) / 2));
            assertTrue(centreInside(f.regions().eyes(), (lm[36][0] + lm[39][0]) / 2, (lm[37][1] + lm[41][1]) / 2));
            assertTrue(centreInside(f.regions().nose(), lm[30][0], lm[30][1]));
        }
    }

    private static boolean centreInside(Raster mask, double x, double y) {
        return mask.at((int) Math.round(x), (int) Math.round(y), 0) != 0;
    }
}
