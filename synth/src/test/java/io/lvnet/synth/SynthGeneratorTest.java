package io.lvnet.synth;

import io.lvnet.blend.ForgeryMask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.CanonicalDataset;
import io.lvnet.data.CanonicalLayout;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FaceBox;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Raster;
import io.lvnet.data.Split;
import io.lvnet.data.VideoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One small synthetic dataset, checked from every side: bytes, masks, splits, regions, videos. */
class SynthGeneratorTest {
    private static final int SIZE = 128;
    private static final SynthOptions OPTIONS = new SynthOptions(6, 1, 3, SIZE, 7, List.of(CompressionLevel.values()),
            List.of(Method.values()), true, 2);

    @TempDir
    static Path tmp;
    static Path dir;
    static SynthSummary summary;
    static CanonicalDataset dataset;

    @BeforeAll
    static void generate() throws IOException {
        dir = tmp.resolve("synth");
        summary = new SynthGenerator(OPTIONS).generate(dir, "test", done -> { });
        dataset = CanonicalDataset.open(dir);
    }

    @Test
    void theSameSeedGivesTheSameBytesWhateverTheThreads() throws IOException {
        SynthOptions oneThread = new SynthOptions(OPTIONS.identities(), OPTIONS.videosPerIdentity(), OPTIONS.frames(),
                SIZE, OPTIONS.seed(), OPTIONS.compressions(), OPTIONS.methods(), true, 1);
        Path again = tmp.resolve("again");
        new SynthGenerator(oneThread).generate(again, "test", done -> { });
        List<Path> files = Images.files(dir);
        assertEquals(files, Images.files(again));
        assertTrue(files.size() > 500, files.size() + " files");
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(f)), Files.readAllBytes(again.resolve(f)), f.toString());
        }
    }

    @Test
    void anotherSeedGivesOtherFaces() throws IOException {
        SynthOptions other = new SynthOptions(2, 1, 1, 64, 8, List.of(CompressionLevel.NONE), List.of(), false, 1);
        SynthOptions same = new SynthOptions(2, 1, 1, 64, 7, List.of(CompressionLevel.NONE), List.of(), false, 1);
        Path a = tmp.resolve("seed8");
        Path b = tmp.resolve("seed7");
        new SynthGenerator(other).generate(a, "test", done -> { });
        new SynthGenerator(same).generate(b, "test", done -> { });
        String frame = CanonicalLayout.frame(CompressionLevel.NONE, FrameRecord.ORIGINAL, "000", 0);
        assertFalse(Images.bgr(a.resolve(frame)).equals(Images.bgr(b.resolve(frame))));
    }

    @Test
    void theIndexHasEveryFrameOncePerLevelAndReadsBack() {
        int videos = OPTIONS.identities() * OPTIONS.videosPerIdentity();
        int perLevel = videos * OPTIONS.frames() * (1 + Method.values().length);
        assertEquals(perLevel * 3, summary.frames().size());
        assertEquals(summary.frames(), dataset.frames());
        assertEquals(perLevel * 3, dataset.description().path("counts").path("frames").asInt());
        assertEquals("lvnet-canonical-dataset", dataset.description().path("format").asText());
        for (FrameRecord r : dataset.frames()) {
            assertTrue(Files.isRegularFile(dataset.resolve(r.image())), r.image());
        }
    }

    @Test
    void realFramesHaveEmptyMasks() throws IOException {
        for (FrameRecord r : dataset.frames()) {
            if (r.fake()) {
                continue;
            }
            assertEquals(FrameRecord.ORIGINAL, r.method());
            assertNull(r.mask(), r.image());
            assertNull(r.sourceIdentity());
            assertTrue(r.maskKnown());
            try (Mat image = dataset.readImage(r); Mat mask = dataset.readMask(r, image)) {
                assertEquals(SIZE, mask.cols());
                assertFalse(Raster.of(mask).anySet());
            }
        }
    }

    /** The real frame a fake was made from: the same frame of the target video, same level. */
    private static Path realOf(FrameRecord fake) {
        String target = fake.video().substring(0, fake.video().indexOf('_'));
        return dataset.resolve(CanonicalLayout.frame(fake.compression(), FrameRecord.ORIGINAL, target, fake.frame()));
    }

    @Test
    void everyFakeMaskIsExactlyThePixelsItsMethodChanged() throws IOException {
        int checked = 0;
        for (FrameRecord r : dataset.frames()) {
            if (!r.fake() || r.compression() != CompressionLevel.NONE) {
                continue;
            }
            Raster fake = Images.bgr(dataset.resolve(r.image()));
            Raster real = Images.bgr(realOf(r));
            Raster mask = Images.grey(dataset.resolve(r.mask()));
            assertEquals(ForgeryMask.of(real, fake), mask, r.image());
            assertTrue(mask.countSet() > 0, r.image() + " changed nothing");
            checked++;
        }
        assertEquals(6 * 3 * 4, checked);
    }

    @Test
    void afterCompressionFakesDifferFromTheirRealFramesOnlyNearTheMaskBeyondCodecNoise() throws IOException {
        for (FrameRecord r : dataset.frames()) {
            if (!r.fake() || r.compression() == CompressionLevel.NONE) {
                continue;
            }
            Raster fake = Images.bgr(dataset.resolve(r.image()));
            Raster real = Images.bgr(realOf(r));
            Raster mask = Images.grey(dataset.resolve(r.mask()));
            // compression noise spreads a changed block's difference by up to a macroblock
            int margin = 16;
            int far = 0;
            int big = 0;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    if (near(mask, x, y, margin)) {
                        continue;
                    }
                    far++;
                    int d = 0;
                    for (int c = 0; c < 3; c++) {
                        d = Math.max(d, Math.abs(fake.at(x, y, c) - real.at(x, y, c)));
                    }
                    if (d > 24) {
                        big++;
                    }
                }
            }
            assertTrue(big <= far / 100, r.image() + ": " + big + " of " + far + " pixels far from the mask differ by more than 24");
        }
    }

    private static boolean near(Raster mask, int x, int y, int r) {
        for (int yy = Math.max(0, y - r); yy <= Math.min(mask.height() - 1, y + r); yy += 2) {
            for (int xx = Math.max(0, x - r); xx <= Math.min(mask.width() - 1, x + r); xx += 2) {
                if (mask.at(xx, yy, 0) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void eachMethodHasItsOwnMaskExtent() throws IOException {
        Map<String, Double> area = new TreeMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (FrameRecord r : dataset.frames()) {
            if (!r.fake() || r.compression() != CompressionLevel.NONE) {
                continue;
            }
            Raster mask = Images.grey(dataset.resolve(r.mask()));
            area.merge(r.method(), (double) mask.countSet(), Double::sum);
            count.merge(r.method(), 1, Integer::sum);
            // every change lies on the face: within its box, widened for a dropped jaw
            FaceBox b = r.box();
            int mx = b.width() / 3;
            int my = b.height() / 3;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    if (mask.at(x, y, 0) != 0) {
                        assertTrue(x >= b.x() - mx && x < b.x() + b.width() + mx && y >= b.y() - my
                                && y < b.y() + b.height() + my, r.image() + " changed (" + x + "," + y + ") off the face");
                    }
                }
            }
        }
        area.replaceAll((m, a) -> a / count.get(m));
        double mouth = area.get("NeuralTextures");
        assertTrue(mouth < area.get("Face2Face"), area.toString());
        assertTrue(area.get("Face2Face") < area.get("FaceSwap"), area.toString());
        assertTrue(mouth < area.get("Deepfakes"), area.toString());
    }

    @Test
    void noIdentityAppearsInTwoSplits() {
        Map<String, Set<Split>> splits = new HashMap<>();
        for (FrameRecord r : dataset.frames()) {
            splits.computeIfAbsent(r.identity(), k -> EnumSet.noneOf(Split.class)).add(r.split());
            if (r.sourceIdentity() != null) {
                assertNotEquals(r.identity(), r.sourceIdentity());
                splits.computeIfAbsent(r.sourceIdentity(), k -> EnumSet.noneOf(Split.class)).add(r.split());
            }
        }
        assertEquals(6, splits.size());
        splits.forEach((id, s) -> assertEquals(1, s.size(), id + " is in " + s));
        Map<Split, Long> perSplit = splits.values().stream()
                .collect(Collectors.groupingBy(s -> s.iterator().next(), Collectors.counting()));
        assertEquals(Map.of(Split.TRAIN, 2L, Split.VAL, 2L, Split.TEST, 2L), perSplit);
    }

    @Test
    void everyFrameHasRegionsAndAFaceBoxInside() throws IOException {
        for (FrameRecord r : dataset.frames()) {
            assertNotNull(r.regions(), r.image());
            for (String region : CanonicalLayout.REGIONS) {
                try (Mat m = dataset.readRegion(r, region)) {
                    int set = Raster.of(m).countSet();
                    assertTrue(set > 10 && set < SIZE * SIZE / 8, r.image() + " " + region + ": " + set);
                }
            }
            FaceBox b = r.box();
            assertTrue(b.x() >= 0 && b.y() >= 0 && b.x() + b.width() <= SIZE && b.y() + b.height() <= SIZE, b.toString());
            assertTrue(b.width() > SIZE / 5, b.toString());
        }
    }

    @Test
    void theVideosDecodeToTheFrames() throws IOException {
        for (FrameRecord r : dataset.frames()) {
            if (r.frame() != 0) {
                continue;
            }
            Path video = dir.resolve(CanonicalLayout.video(r.method(), r.compression(), r.video()));
            List<Raster> decoded = VideoFiles.read(video, SIZE, SIZE);
            assertEquals(OPTIONS.frames(), decoded.size(), video.toString());
            for (int f = 0; f < decoded.size(); f++) {
                Raster png = Images.bgr(dir.resolve(CanonicalLayout.frame(r.compression(), r.method(), r.video(), f)));
                double mae = Images.mae(decoded.get(f), png);
                // raw videos are lossless but for the rounding of the conversion to YUV and back;
                // compressed frames are these videos' own frames, decoded
                double limit = r.compression() == CompressionLevel.NONE ? 0.5 : 0.01;
                assertTrue(mae < limit, video + " frame " + f + ": mean abs error " + mae);
            }
            if (r.fake() && r.compression() == CompressionLevel.NONE) {
                List<Raster> masks = VideoFiles.read(dir.resolve(CanonicalLayout.maskVideo(r.method(), r.video())), SIZE, SIZE);
                for (int f = 0; f < masks.size(); f++) {
                    Raster mask = Images.grey(dir.resolve(CanonicalLayout.mask(r.method(), r.video(), f)));
                    int agree = 0;
                    for (int y = 0; y < SIZE; y++) {
                        for (int x = 0; x < SIZE; x++) {
                            agree += (masks.get(f).at(x, y, 1) >= 128) == (mask.at(x, y, 0) != 0) ? 1 : 0;
                        }
                    }
                    assertTrue(agree >= SIZE * SIZE * 0.98, "mask video " + r.video() + " frame " + f + ": " + agree);
                }
            }
        }
        assertTrue(Files.isRegularFile(dir.resolve("original_sequences/youtube/c23/videos/000.mp4")));
        assertTrue(Files.isDirectory(dir.resolve("manipulated_sequences/NeuralTextures/c40/videos")));
    }

    @Test
    void theShortcutCheckFindsNoShortcut() {
        ShortcutCheck.Result s = summary.shortcut();
        assertEquals(summary.frames().stream().filter(FrameRecord::fake).count(), s.fake());
        assertTrue(s.maxAuc() <= 0.65, s.toString());
        assertEquals(s.combinedAuc(), dataset.description().path("shortcut_check_auc").path("logistic_regression").asDouble(),
                1e-4);
    }
}
