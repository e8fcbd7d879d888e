package io.lvnet.train;

import io.lvnet.data.HostBatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.augment.Augmentation;
import io.lvnet.data.CanonicalDataset;
import io.lvnet.data.CropBox;
import io.lvnet.data.FaceCropPreprocessor;
import io.lvnet.data.FaceCrops;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Raster;
import io.lvnet.data.Split;
import io.lvnet.perturb.Perturbation;
import io.lvnet.perturb.PerturbationKind;
import io.lvnet.synth.Method;
import io.lvnet.blend.SelfBlendSettings;
import io.lvnet.synth.SynthGenerator;
import io.lvnet.synth.SynthOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetBatchesTest {
    @TempDir
    static Path dir;
    static CanonicalDataset dataset;

    @BeforeAll
    static void synth() throws Exception {
        Path d = dir.resolve("synth");
        new SynthGenerator(new SynthOptions(4, 1, 3, 96, 5, List.of(CompressionLevel.NONE), List.of(Method.FACESWAP), false, 2))
                .generate(d, "test", done -> { });
        dataset = CanonicalDataset.open(d);
    }

    private static List<HostBatch> all(Iterator<HostBatch> it) {
        List<HostBatch> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void epochsAreReproducibleShuffledAndCarryImagesMasksAndWhereTheyCameFrom() {
        List<FrameRecord> frames = dataset.frames(Split.TRAIN);
        try (DatasetBatches b = new DatasetBatches(dataset, frames, 64, true, 4, 11, true, true, 2)) {
            List<HostBatch> first = all(b.epoch(0));
            List<HostBatch> again = all(b.epoch(0));
            List<HostBatch> next = all(b.epoch(1));
            assertEquals(b.batchesPerEpoch(), first.size());
            assertEquals(frames.size(), first.stream().mapToInt(HostBatch::count).sum());
            for (int i = 0; i < first.size(); i++) {
                assertArrayEquals(first.get(i).images(), again.get(i).images(), "same epoch, same pixels");
                assertArrayEquals(first.get(i).masks(), again.get(i).masks());
            }
            assertNotEquals(first.get(0).faces(), next.get(0).faces(), "another epoch, another order");
            HostBatch h = first.get(0);
            assertEquals(64, h.size());
            for (float v : h.masks()) {
                assertTrue(v == 0f || v == 1f, "masks stay binary");
            }
            for (int i = 0; i < h.count(); i++) {
                float sum = 0;
                for (int p = 0; p < 64 * 64; p++) {
                    sum += h.masks()[i * 64 * 64 + p];
                }
                assertEquals(h.labels()[i] == 0, sum == 0, "real faces have empty masks, fakes do not");
            }
            assertTrue(h.regions() != null);
        }
    }

    @Test
    void evaluationBatchesAreTheFramesAsTheyAre() {
        List<FrameRecord> frames = dataset.frames(Split.TRAIN);
        try (DatasetBatches b = new DatasetBatches(dataset, frames, 96, false, 5, 0, false, false, 1)) {
            HostBatch first = b.epoch(0).next();
            assertEquals(frames.get(0).video(), first.faces().get(0).video());
            assertEquals(frames.get(0).label(), first.labels()[0]);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DatasetBatches(dataset, frames, 96, false, frames.size() + 1, 0, false, false, 1));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void framesAreCutToTheReferenceFaceCrop() throws Exception {
        // lvnet synth stores whole frames; training sees 1.3 x the face box, so the forged
        // area fills a far larger share of the network input than of the frame
        FrameRecord fake = dataset.frames(Split.TRAIN).stream().filter(f -> f.label() == 1).findFirst().orElseThrow();
        double frameShare;
        try (org.bytedeco.opencv.opencv_core.Mat image = dataset.readImage(fake);
                org.bytedeco.opencv.opencv_core.Mat mask = dataset.readMask(fake, image)) {
            frameShare = org.bytedeco.opencv.global.opencv_core.countNonZero(mask) / (double) (mask.rows() * mask.cols());
        }
        try (DatasetBatches b = new DatasetBatches(dataset, List.of(fake), 96, false, 1, 0, false, false, 1)) {
            HostBatch h = b.epoch(0).next();
            double inputShare = 0;
            for (float v : h.masks()) {
                inputShare += v;
            }
            inputShare /= h.masks().length;
            double side = Math.max(fake.box().width(), fake.box().height()) * 1.3;
            double faceShare = side * side / (96.0 * 96.0);
            assertTrue(frameShare > 0, "the fake has a forged area");
            assertEquals(frameShare / faceShare, inputShare, 0.35 * frameShare / faceShare,
                    "forged share " + inputShare + " of the input vs " + frameShare + " of the frame");
        }
    }

    private static List<FrameRecord> realTrainFrames() {
        return dataset.frames(Split.TRAIN).stream().filter(f -> !f.fake()).toList();
    }

    @Test
    void selfBlendsAreAFunctionOfSeedEpochAndPositionPairedWithTheirRealFaces() {
        List<FrameRecord> reals = realTrainFrames();
        OnlineSelfBlend blend = new OnlineSelfBlend(SelfBlendSettings.DEFAULT, 0.5, null);
        List<HostBatch> first;
        try (DatasetBatches b = new DatasetBatches(dataset, reals, 64, Augmentation.NONE, 4, 7, true, null, 2, blend)) {
            first = all(b.epoch(0));
            List<HostBatch> next = all(b.epoch(1));
            assertNotEquals(first.get(0).faces(), next.get(0).faces(), "another epoch, other draws");
        }
        // a fresh loader on one thread, as a resumed run builds it: the same batches, bit for bit
        List<HostBatch> again;
        try (DatasetBatches b = new DatasetBatches(dataset, reals, 64, Augmentation.NONE, 4, 7, true, null, 1,
                new OnlineSelfBlend(SelfBlendSettings.DEFAULT, 0.5, null))) {
            again = all(b.epoch(0));
        }
        List<HostBatch> otherSeed;
        try (DatasetBatches b = new DatasetBatches(dataset, reals, 64, Augmentation.NONE, 4, 8, true, null, 1, blend)) {
            otherSeed = all(b.epoch(0));
        }
        int plane = 64 * 64;
        int blends = 0;
        for (int i = 0; i < first.size(); i++) {
            HostBatch h = first.get(i);
            assertArrayEquals(h.images(), again.get(i).images(), "batch " + i);
            assertArrayEquals(h.masks(), again.get(i).masks(), "batch " + i);
            assertArrayEquals(h.labels(), again.get(i).labels(), "batch " + i);
            assertEquals(h.faces(), again.get(i).faces());
            assertNotEquals(java.util.Arrays.toString(h.images()), java.util.Arrays.toString(otherSeed.get(i).images()));
            int inBatch = 0;
            for (int k = 0; k < h.count(); k++) {
                HostBatch.FaceInfo face = h.faces().get(k);
                double changed = 0;
                for (int p = 0; p < plane; p++) {
                    changed += h.masks()[k * plane + p];
                }
                if (h.labels()[k] == 1) {
                    inBatch++;
                    assertEquals(OnlineSelfBlend.METHOD, face.method());
                    assertTrue(changed > 0.02 * plane, "a blend changes a part of the face: " + changed);
                    // paired: the blend's real face is in the same batch
                    assertTrue(h.faces().contains(new HostBatch.FaceInfo(face.video(), face.frame(), FrameRecord.ORIGINAL,
                            face.compression())), h.faces().toString());
                } else {
                    assertEquals(0, changed, "real faces have empty masks");
                }
            }
            assertEquals(h.count() / 2, inBatch, "half of each batch");
            blends += inBatch;
        }
        assertTrue(blends > 0);
    }

    @Test
    void blendsOfAnotherRealFaceOfTheBatchAreReproducibleAndLeaveTheRealFacesAsTheyWere() {
        List<FrameRecord> reals = realTrainFrames();
        SelfBlendSettings d = SelfBlendSettings.DEFAULT;
        SelfBlendSettings others = new SelfBlendSettings(d.share(), null, d.paired(), d.regions(), d.transforms(), d.deform(),
                d.softenMin(), d.softenMax(), d.ratios(), d.colourShare(), 1.0);
        List<HostBatch> self;
        List<HostBatch> other;
        List<HostBatch> again;
        try (DatasetBatches b = new DatasetBatches(dataset, reals, 64, Augmentation.NONE, 4, 7, true, null, 2,
                new OnlineSelfBlend(d, 0.5, null))) {
            self = all(b.epoch(0));
        }
        try (DatasetBatches b = new DatasetBatches(dataset, reals, 64, Augmentation.NONE, 4, 7, true, null, 2,
                new OnlineSelfBlend(others, 0.5, null))) {
            other = all(b.epoch(0));
        }
        // a resumed run's fresh loader on one thread: the same batches, bit for bit
        try (DatasetBatches b = new DatasetBatches(dataset, reals, 64, Augmentation.NONE, 4, 7, true, null, 1,
                new OnlineSelfBlend(others, 0.5, null))) {
            again = all(b.epoch(0));
        }
        int plane = 3 * 64 * 64;
        int blends = 0;
        for (int i = 0; i < other.size(); i++) {
            HostBatch h = other.get(i);
            assertArrayEquals(h.images(), again.get(i).images(), "batch " + i);
            assertArrayEquals(h.masks(), again.get(i).masks(), "batch " + i);
            assertEquals(self.get(i).faces(), h.faces(), "the same plan: only the blends' copies differ");
            for (int k = 0; k < h.count(); k++) {
                float[] mine = java.util.Arrays.copyOfRange(h.images(), k * plane, (k + 1) * plane);
                float[] selfs = java.util.Arrays.copyOfRange(self.get(i).images(), k * plane, (k + 1) * plane);
                if (h.labels()[k] == 1) {
                    blends++;
                    assertFalse(java.util.Arrays.equals(mine, selfs), "batch " + i + ", face " + k + ": a self-blend");
                } else {
                    assertArrayEquals(selfs, mine, "batch " + i + ", face " + k + ": a real face changed");
                }
            }
        }
        assertTrue(blends > 0);
    }

    @Test
    void withoutCompressionOrResizingTheBatchMaskIsThePixelsTheBlendChanged() {
        // a crop the model's size: the blend reaches the batch without resampling
        FrameRecord real = realTrainFrames().get(0);
        int size = new FaceCrops().box(real.box(), 96, 96).size();
        int plane = size * size;
        int exact = 0;
        for (long seed = 0; seed < 8; seed++) {
            try (DatasetBatches b = new DatasetBatches(dataset, List.of(real, real), size, Augmentation.NONE, 2, seed,
                    true, null, 1, new OnlineSelfBlend(SelfBlendSettings.DEFAULT, 0.5, null))) {
                HostBatch h = b.epoch(0).next();
                int fake = h.labels()[0] == 1 ? 0 : 1;
                assertEquals(1, h.labels()[fake]);
                assertEquals(0, h.labels()[1 - fake]);
                int unmasked = 0;
                int unmaskedChanged = 0;
                boolean maskIsTheChange = true;
                for (int p = 0; p < plane; p++) {
                    boolean differs = false;
                    for (int c = 0; c < 3; c++) {
                        differs |= h.images()[(fake * 3 + c) * plane + p] != h.images()[((1 - fake) * 3 + c) * plane + p];
                    }
                    boolean masked = h.masks()[fake * plane + p] == 1f;
                    maskIsTheChange &= masked == differs;
                    unmasked += masked ? 0 : 1;
                    unmaskedChanged += !masked && differs ? 1 : 0;
                }
                if (maskIsTheChange) {
                    exact++;
                } else {
                    // SBI's swap: the real face was blended into its changed copy, which shows outside the mask
                    assertTrue(unmaskedChanged > 0.5 * unmasked, "seed " + seed + ": " + unmaskedChanged + " of "
                            + unmasked + " pixels outside the mask changed");
                }
            }
        }
        // blended into the real face itself: the changed pixels are the mask, exactly
        assertTrue(exact >= 2 && exact < 8, exact + " of 8 blends into the real face itself");
    }

    private static HostBatch firstBatch(List<FrameRecord> frames, Perturbation p) {
        try (DatasetBatches b = new DatasetBatches(dataset, frames, 64, Augmentation.NONE, frames.size(), 3, false, null, 1, p)) {
            return b.epoch(0).next();
        }
    }

    @Test
    void aPerturbationActsOnTheWholeFrameBeforeTheFaceIsCutAndAlikeInEveryRun() throws Exception {
        List<FrameRecord> frames = dataset.frames(Split.TRAIN).subList(0, 4);
        HostBatch clean = firstBatch(frames, null);
        Perturbation noise = new Perturbation(PerturbationKind.NOISE, 10);
        HostBatch noisy = firstBatch(frames, noise);
        assertArrayEquals(noisy.images(), firstBatch(frames, noise).images(), "seeded by run and frame");
        assertFalse(java.util.Arrays.equals(clean.images(), noisy.images()));
        assertArrayEquals(clean.masks(), noisy.masks(), "masks are not perturbed");
        assertArrayEquals(clean.images(), firstBatch(frames, new Perturbation(PerturbationKind.NOISE, 0)).images());

        // halving the whole frame, then cutting and resizing, is what the batch holds
        Perturbation half = new Perturbation(PerturbationKind.RESIZE, 0.5);
        HostBatch halved = firstBatch(frames, half);
        FrameRecord f = frames.get(1);
        float[] want;
        try (org.bytedeco.opencv.opencv_core.Mat image = dataset.readImage(f);
                org.bytedeco.opencv.opencv_core.Mat perturbed = half.apply(Raster.of(image), 0).toMat()) {
            CropBox box = new FaceCrops().box(f.box(), image.cols(), image.rows());
            try (org.bytedeco.opencv.opencv_core.Mat face = FaceCrops.cut(perturbed, box)) {
                want = FaceCropPreprocessor.normalisedChw(face, 64);
            }
        }
        float[] got = java.util.Arrays.copyOfRange(halved.images(), 3 * 64 * 64, 2 * 3 * 64 * 64);
        assertArrayEquals(want, got, 1e-6f);
    }
}
