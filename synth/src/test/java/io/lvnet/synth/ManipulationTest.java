package io.lvnet.synth;

import io.lvnet.blend.Rng;

import io.lvnet.blend.RenderedFrame;

import io.lvnet.blend.ForgeryMask;

import io.lvnet.blend.Forgery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.Raster;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManipulationTest {
    private static final int SIZE = 128;
    private static final FaceRenderer RENDERER = new FaceRenderer(SIZE);

    /** A real frame of clip {@code c} and everything needed to forge it. */
    private static ForgeryInput input(long seed, int c) {
        Identity target = Identity.random(Rng.derive(seed, "identity", 2 * c));
        Identity source = Identity.random(Rng.derive(seed, "identity", 2 * c + 1));
        Scene scene = Scene.random(Rng.derive(seed, "scene", 2 * c), SIZE);
        Scene sourceScene = Scene.random(Rng.derive(seed, "scene", 2 * c + 1), SIZE);
        Expression ex = Expression.track(Rng.derive(seed, "expression", 2 * c), 1).get(0);
        Expression sourceEx = Expression.track(Rng.derive(seed, "expression", 2 * c + 1), 1).get(0);
        HeadPose pose = HeadPose.track(Rng.derive(seed, "pose", 2 * c), 1).get(0);
        HeadPose sourcePose = HeadPose.track(Rng.derive(seed, "pose", 2 * c + 1), 1).get(0);
        RenderedFrame real = RENDERER.render(scene, target, ex, pose, Rng.derive(seed, "noise", c));
        return new ForgeryInput(RENDERER, scene, target, ex, pose, real, source, sourceScene, sourceEx, sourcePose,
                Rng.derive(seed, "source-noise", c), Rng.derive(seed, "forgery", c));
    }

    private static Forgery forge(Method m, long seed, int c) {
        return Manipulation.create(m, Rng.derive(seed, "manipulation/" + m.id(), c)).forge(input(seed, c));
    }

    @Test
    void everyMethodChangesOnlyWhereItBlendsAndChangesWhatItBlends() {
        for (Method m : Method.values()) {
            for (int c = 0; c < 4; c++) {
                Raster real = input(5, c).real().image();
                Forgery f = forge(m, 5, c);
                Raster mask = ForgeryMask.of(real, f.image());
                int strong = 0;
                int strongChanged = 0;
                for (int p = 0; p < SIZE * SIZE; p++) {
                    boolean changed = mask.data()[p] != 0;
                    if (f.weight()[p] == 0) {
                        assertTrue(!changed, m + " clip " + c + " changed pixel " + p + " outside its blend");
                    }
                    if (f.weight()[p] >= 0.5f) {
                        strong++;
                        strongChanged += changed ? 1 : 0;
                    }
                }
                assertTrue(strong > 50, m + " blends only " + strong + " pixels");
                assertTrue(strongChanged >= 0.9 * strong, m + " clip " + c + ": " + strongChanged + " of " + strong
                        + " strongly blended pixels changed");
            }
        }
    }

    @Test
    void forgingIsAPureFunctionOfItsInputs() {
        for (Method m : Method.values()) {
            assertEquals(forge(m, 6, 0).image(), forge(m, 6, 0).image(), m.toString());
        }
    }

    /** Pixels with {@code lo < weight < hi}, relative to those with weight at least {@code hi}. */
    private static double seamShare(float[] w) {
        int seam = 0;
        int core = 0;
        for (float v : w) {
            if (v > 0.01f && v < 0.99f) {
                seam++;
            } else if (v >= 0.99f) {
                core++;
            }
        }
        return (double) seam / Math.max(1, core);
    }

    @Test
    void methodsDifferInMaskExtentAndSeam() {
        Map<Method, Double> area = new EnumMap<>(Method.class);
        Map<Method, Double> seam = new EnumMap<>(Method.class);
        for (Method m : Method.values()) {
            for (int c = 0; c < 4; c++) {
                Forgery f = forge(m, 7, c);
                area.merge(m, (double) ForgeryMask.of(input(7, c).real().image(), f.image()).countSet(), Double::sum);
                seam.merge(m, seamShare(f.weight()), Double::sum);
            }
        }
        // the mouth re-render is the smallest; the landmark swap covers the most and has the hardest edge
        assertTrue(area.get(Method.NEURAL_TEXTURES) < area.get(Method.FACE2FACE), area.toString());
        assertTrue(area.get(Method.FACE2FACE) < area.get(Method.FACESWAP), area.toString());
        assertTrue(seam.get(Method.FACESWAP) < seam.get(Method.DEEPFAKES) / 2, seam.toString());
    }

    @Test
    void theIdentitySwapIsBlurrierThanTheFaceItReplaces() {
        double real = 0;
        double fake = 0;
        for (int c = 0; c < 4; c++) {
            ForgeryInput in = input(8, c);
            Forgery f = Manipulation.create(Method.DEEPFAKES, Rng.derive(8, "manipulation/Deepfakes", c)).forge(in);
            real += laplacian(in.real().image(), f.weight());
            fake += laplacian(f.image(), f.weight());
        }
        assertTrue(fake < real * 0.8, "high frequencies: fake " + fake + ", real " + real);
    }

    /** Mean absolute Laplacian of the green channel where the weight is 1. */
    private static double laplacian(Raster img, float[] w) {
        double sum = 0;
        int n = 0;
        for (int y = 1; y < SIZE - 1; y++) {
            for (int x = 1; x < SIZE - 1; x++) {
                if (w[y * SIZE + x] < 0.999f) {
                    continue;
                }
                int v = 4 * img.at(x, y, 1) - img.at(x - 1, y, 1) - img.at(x + 1, y, 1) - img.at(x, y - 1, 1)
                        - img.at(x, y + 1, 1);
                sum += Math.abs(v);
                n++;
            }
        }
        return sum / Math.max(1, n);
    }

    @Test
    void aPiecewiseWarpOntoTheSameLandmarksKeepsTheFace() {
        assertTrue(PiecewiseAffine.TRIANGLES.length > 100, PiecewiseAffine.TRIANGLES.length + " triangles");
        RenderedFrame f = input(3, 0).real();
        Raster warped = PiecewiseAffine.warp(f.image(), f.landmarks(), Raster.blank(SIZE, SIZE, 3), f.landmarks());
        int inside = 0;
        int same = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                if (warped.at(x, y, 0) + warped.at(x, y, 1) + warped.at(x, y, 2) == 0) {
                    continue;
                }
                inside++;
                boolean equal = true;
                for (int c = 0; c < 3; c++) {
                    equal &= Math.abs(warped.at(x, y, c) - f.image().at(x, y, c)) <= 1;
                }
                same += equal ? 1 : 0;
            }
        }
        assertTrue(inside > 1000, inside + " pixels warped");
        assertTrue(same >= inside * 0.99, same + " of " + inside);
    }
}
