package io.lvnet.data.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.CanonicalDataset;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.FrameSampling;
import io.lvnet.data.Raster;
import io.lvnet.data.Split;
import io.lvnet.progress.ProgressListener;
import io.lvnet.synth.Method;
import io.lvnet.synth.SynthGenerator;
import io.lvnet.synth.SynthOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DFD inside FF++'s tree: labels, actors, the split by actor, mask videos and their absence. */
class DeepFakeDetectionLayoutTest {
    @TempDir
    Path root;

    private static final String REAL = "original_sequences/actors/c23/videos/";
    private static final String FAKE = "manipulated_sequences/DeepFakeDetection/c23/videos/";
    private static final String MASK = "manipulated_sequences/DeepFakeDetection/masks/videos/";

    @Test
    void actorsSplitTheDataAndEachFakeFollowsItsTarget() throws IOException {
        for (int a = 1; a <= 10; a++) {
            String actor = String.format("%02d", a);
            String other = String.format("%02d", a % 10 + 1);
            String fake = actor + "_" + other + "__kitchen__ABC" + a + ".mp4";
            Fixtures.touch(root, REAL + actor + "__kitchen.mp4", REAL + actor + "__walking.mp4", FAKE + fake, MASK + fake);
        }
        Fixtures.touch(root, "original_sequences/youtube/c23/videos/000.mp4");
        DatasetListing l = new DeepFakeDetectionLayout().list(root);
        assertEquals(List.of(), l.problems());
        assertEquals(30, l.videos().size(), "FF++'s own videos are not DFD's");
        Map<String, VideoSource> v = Fixtures.byName(l);
        VideoSource fake = v.get("DeepFakeDetection/light/03_04__kitchen__ABC3");
        assertEquals(1, fake.label());
        assertEquals("03", fake.identity());
        assertEquals("04", fake.sourceIdentity());
        assertEquals(root.resolve(MASK + "03_04__kitchen__ABC3.mp4"), fake.maskVideo());
        assertEquals(CompressionLevel.LIGHT, fake.compression());
        VideoSource real = v.get("original/light/03__walking");
        assertEquals(0, real.label());
        assertEquals("03", real.identity());
        assertEquals(real.split(), fake.split(), "a fake goes with its target actor");
        for (VideoSource s : l.videos()) {
            assertEquals(v.get("original/light/" + s.identity() + "__kitchen").split(), s.split(), s.video());
        }
        long held = l.videos().stream().filter(s -> s.split() != Split.TRAIN).map(VideoSource::identity).distinct().count();
        assertEquals(4, held, "ten actors: two in val, two in test");
        // the FF++ layout leaves DFD's fakes to this one
        Fixtures.touch(root, "manipulated_sequences/Deepfakes/c23/videos/000_001.mp4");
        assertTrue(new FaceForensicsLayout(null).list(root).videos().stream()
                .noneMatch(s -> s.method().equals(DeepFakeDetectionLayout.METHOD)));
    }

    @Test
    void missingMaskVideosAreCountedAndTheirMasksUnknown() throws IOException {
        Fixtures.touch(root, REAL + "01__kitchen.mp4", FAKE + "01_02__kitchen__A.mp4", FAKE + "02_01__kitchen__B.mp4",
                MASK + "01_02__kitchen__A.mp4");
        DatasetListing l = new DeepFakeDetectionLayout().list(root);
        assertEquals(1, l.problems().size(), l.problems().toString());
        assertTrue(l.problems().get(0).contains("02_01__kitchen__B.mp4: mask video missing"), l.problems().get(0));
        assertNull(Fixtures.byName(l).get("DeepFakeDetection/light/02_01__kitchen__B").maskVideo());
        assertNotNull(Fixtures.byName(l).get("DeepFakeDetection/light/01_02__kitchen__A").maskVideo());
        // no masks folder at all: one problem, not one per fake
        Files.delete(root.resolve(MASK + "01_02__kitchen__A.mp4"));
        Files.delete(root.resolve(MASK));
        DatasetListing none = new DeepFakeDetectionLayout().list(root);
        assertEquals(1, none.problems().size(), none.problems().toString());
        assertTrue(none.problems().get(0).contains("no mask videos; the masks of all 2 fakes are unknown"));
    }

    @Test
    void aFolderWithoutDfdGivesOneClearError() throws IOException {
        Fixtures.touch(root, "original_sequences/youtube/c23/videos/000.mp4");
        IOException e = assertThrows(IOException.class, () -> new DeepFakeDetectionLayout().list(root));
        assertTrue(e.getMessage().contains("not a DeepFakeDetection folder"), e.getMessage());
    }

    /**
     * End to end on real videos: synthetic FF++ clips renamed into DFD's tree (one mask video
     * removed) go through {@link Preparer}: fakes get masks cut from their mask videos, the fake
     * without one an unknown mask, and the missing mask video is counted in the summary.
     */
    @Test
    void preparedDfdFakesCarryMasksFromTheirMaskVideos() throws IOException {
        Path synth = root.resolve("synth");
        new SynthGenerator(new SynthOptions(2, 1, 4, 128, 3, List.of(CompressionLevel.NONE), List.of(Method.DEEPFAKES),
                true, 2)).generate(synth, "test", done -> { });
        Path dfd = root.resolve("dfd");
        for (String id : new String[] {"000", "001"}) {
            copy(synth.resolve("original_sequences/youtube/raw/videos/" + id + ".mp4"),
                    dfd.resolve("original_sequences/actors/raw/videos/" + id.substring(1) + "__talking.mp4"));
        }
        copy(synth.resolve("manipulated_sequences/Deepfakes/raw/videos/000_001.mp4"),
                dfd.resolve(FAKE.replace("c23", "raw") + "00_01__talking__X.mp4"));
        copy(synth.resolve("manipulated_sequences/Deepfakes/masks/videos/000_001.mp4"),
                dfd.resolve(MASK + "00_01__talking__X.mp4"));
        copy(synth.resolve("manipulated_sequences/Deepfakes/raw/videos/001_000.mp4"),
                dfd.resolve(FAKE.replace("c23", "raw") + "01_00__talking__Y.mp4"));
        DatasetListing listing = new DeepFakeDetectionLayout().list(dfd);
        PrepareSummary s = new Preparer(new PrepareOptions(FrameSampling.evenly(3), 96, 1.3, 2))
                .prepare(listing, root.resolve("out"), Map.of(), ProgressListener.NONE);
        assertEquals(4, s.prepared(), s.problems().toString());
        assertEquals(1, s.datasetProblems());
        assertTrue(s.problems().get(0).contains("01_00__talking__Y.mp4: mask video missing"), s.problems().toString());
        CanonicalDataset out = CanonicalDataset.open(root.resolve("out"));
        int withMask = 0;
        for (FrameRecord f : out.frames()) {
            assertEquals(f.video().contains("__talking__") ? 1 : 0, f.label(), f.image());
            if (f.video().equals("00_01__talking__X")) {
                assertNotNull(f.mask(), f.image());
                try (Mat image = out.readImage(f); Mat mask = out.readMask(f, image)) {
                    assertTrue(Raster.of(mask).countSet() > 0.05 * 96 * 96, "the mask marks the swapped face: " + f.image());
                }
                withMask++;
            } else {
                assertNull(f.mask(), "reals have none, the fake without a mask video an unknown one: " + f.image());
            }
        }
        assertTrue(withMask >= 2, "masked frames: " + withMask);
        assertEquals(1, out.description().get("dataset_problems").asInt());
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }
}
