package io.lvnet.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.FaceCropPreprocessor;
import io.lvnet.data.OpenCvImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class AugmentationRecipeTest {
    private static final Path FACE = Path.of("..", "shared", "goldens", "resize_source.png");

    /** A 300 x 300 training-like sample: the shapes, with some texture for the colour steps. */
    private static Sample trainingSample() {
        return TestImages.shapes(300);
    }

    @Test
    void referenceChainHasTheRecipesStepsAndProbabilities() {
        AugmentationRecipe recipe = AugmentationRecipe.reference(299);
        List<Transform> halves = ((Pipeline) recipe.transforms()).steps();
        List<Transform> geometric = ((Pipeline) halves.get(0)).steps();
        assertStep(geometric.get(0), RandomFlip.class, 0.5);
        assertStep(geometric.get(1), RandomRotate90.class, 0.5);
        assertStep(geometric.get(2), RandomResizedCrop.class, 0.4);
        assertStep(geometric.get(3), ShiftScaleRotate.class, 0.5);
        assertEquals(299, assertInstanceOf(CentreCrop.class, geometric.get(4)).size());
        assertEquals(5, geometric.size());
        List<Transform> photometric = ((Pipeline) halves.get(1)).steps();
        assertStep(photometric.get(0), ToGrey.class, 0.1);
        assertStep(photometric.get(1), JpegCompression.class, 0.3);
        assertStep(photometric.get(2), GaussianBlur.class, 0.05);
        assertStep(photometric.get(3), GaussianNoise.class, 0.1);
        OneOf colour = (OneOf) assertStep(photometric.get(4), OneOf.class, 0.5);
        assertInstanceOf(BrightnessContrast.class, colour.choices().get(0));
        assertInstanceOf(FancyPca.class, colour.choices().get(1));
        assertInstanceOf(HueSaturationValue.class, colour.choices().get(2));
        assertEquals(5, photometric.size());
    }

    private static Transform assertStep(Transform step, Class<? extends Transform> type, double probability) {
        Sometimes sometimes = assertInstanceOf(Sometimes.class, step);
        assertEquals(probability, sometimes.probability(), 0.0, type.getSimpleName());
        return assertInstanceOf(type, sometimes.transform());
    }

    @Test
    void theSameSeedGivesTheSameSampleAndAnotherSeedAnother() {
        AugmentationRecipe recipe = AugmentationRecipe.reference(299);
        Sample sample = trainingSample();
        int differing = 0;
        for (long seed = 0; seed < 8; seed++) {
            AugmentedSample a = recipe.augment(sample, seed);
            AugmentedSample b = recipe.augment(sample, seed);
            assertArrayEquals(a.image(), b.image(), "seed " + seed);
            assertArrayEquals(a.mask(TestImages.FORGERY), b.mask(TestImages.FORGERY), "seed " + seed);
            AugmentedSample c = recipe.augment(sample, seed + 1000);
            differing += Arrays.equals(a.image(), c.image()) ? 0 : 1;
        }
        assertEquals(8, differing, "different seeds give different samples");
    }

    @Test
    void outputHasTheRequestedSizeNormalisedAndMasksStayBinary() {
        for (int size : new int[] {299, 160}) {
            AugmentationRecipe recipe = AugmentationRecipe.reference(size);
            for (long seed = 0; seed < 10; seed++) {
                AugmentedSample out = recipe.augment(trainingSample(), seed);
                assertEquals(size, out.size());
                assertEquals(3 * size * size, out.image().length);
                for (float v : out.image()) {
                    assertTrue(v >= -1f && v <= 1f, "normalised value " + v);
                }
                for (String name : out.maskNames()) {
                    byte[] mask = out.mask(name);
                    assertEquals(size * size, mask.length);
                    for (byte m : mask) {
                        assertTrue(m == 0 || m == (byte) 255, "mask " + name + " value " + (m & 0xff));
                    }
                }
            }
        }
    }

    @Test
    void geometricHalfKeepsMasksAlignedOverManyDraws() {
        Transform geometric = ((Pipeline) AugmentationRecipe.reference(299).transforms()).steps().get(0);
        Sample sample = trainingSample();
        for (long seed = 0; seed < 30; seed++) {
            Sample out = geometric.apply(sample, new SplittableRandom(seed));
            assertEquals(299, out.height());
            TestImages.assertAligned(out);
        }
    }

    @Test
    void normalisationIsChannelsFirstAndMapsZeroToMinusOneAnd255ToOne() {
        Sample sample = TestImages.uniform(4, 4, 0, 255, 51);
        AugmentedSample out = AugmentationRecipe.evaluation(4).augment(sample, 0);
        for (int i = 0; i < 16; i++) {
            assertEquals(-1f, out.image()[i]);
            assertEquals(1f, out.image()[16 + i]);
            assertEquals((51 / 255f - 0.5f) / 0.5f, out.image()[32 + i]);
        }
        float[] mask = out.maskAsFloats(TestImages.FORGERY);
        for (float m : mask) {
            assertEquals(1f, m);
        }
    }

    @Test
    void evaluationResizeMatchesTheInferencePreprocessor() throws IOException {
        Sample sample;
        try (Mat bgr = OpenCvImages.readBgr(FACE)) {
            sample = Samples.fromBgr(bgr);
        }
        float[] expected = FaceCropPreprocessor.normalisedChw(FACE, 299);
        assertArrayEquals(expected, AugmentationRecipe.evaluation(299).augment(sample, 0).image());
    }

    @Test
    void threadsWithPerSampleSeedsReproduceTheSequentialResult() throws Exception {
        AugmentationRecipe recipe = AugmentationRecipe.reference(160);
        Sample sample = TestImages.shapes(200);
        int samples = 24;
        List<float[]> sequential = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            sequential.add(recipe.augment(sample, 100 + i).image());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> parallel = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                long seed = 100 + i;
                parallel.add(pool.submit(() -> recipe.augment(sample, seed).image()));
            }
            for (int i = 0; i < samples; i++) {
                assertArrayEquals(sequential.get(i), parallel.get(i).get(), "sample " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noNativeMemoryIsLeftBehind() {
        AugmentationRecipe recipe = AugmentationRecipe.reference(160);
        Sample sample = TestImages.shapes(200);
        recipe.augment(sample, 0);
        long before = Pointer.totalCount();
        long bytesBefore = Pointer.totalBytes();
        for (int i = 0; i < 200; i++) {
            recipe.augment(sample, i);
        }
        // at most as many as before: the collector may free other tests' garbage meanwhile
        assertTrue(Pointer.totalCount() <= before, Pointer.totalCount() - before + " native objects left");
        assertTrue(Pointer.totalBytes() <= bytesBefore, Pointer.totalBytes() - bytesBefore + " native bytes left");
    }

    @Test
    void anImageSmallerThanTheOutputIsRejected() {
        AugmentationRecipe recipe = AugmentationRecipe.reference(299);
        // with the random crop off, the centre crop cannot make 299 out of 200
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            for (long seed = 0; seed < 50; seed++) {
                recipe.augment(TestImages.shapes(200), seed);
            }
        });
        assertTrue(e.getMessage().contains("smaller than"), e.getMessage());
        assertFalse(recipe.toString().isEmpty());
    }
}
