package io.lvnet.data.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.CanonicalDataset;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FaceBox;
import io.lvnet.data.FaceDetector;
import io.lvnet.data.FaceForensicsSplits;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.FrameSampling;
import io.lvnet.data.Raster;
import io.lvnet.data.VideoFrames;
import io.lvnet.progress.ProgressListener;
import io.lvnet.landmarks.FaceAligner;
import io.lvnet.landmarks.GrayImage;
import io.lvnet.landmarks.LandmarkGoldens;
import io.lvnet.landmarks.ShapePredictor;
import io.lvnet.regions.FaceParts;
import io.lvnet.regions.PartLocator;
import io.lvnet.synth.Method;
import io.lvnet.synth.SynthGenerator;
import io.lvnet.synth.SynthOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a small synthetic FF++-style data set with videos and mask videos, prepared,
 * must come out as the same faces, labels and masks.
 */
class PrepareTest {
    private static final int SIZE = 128;
    private static final int SAMPLED = 4;
    private static final PrepareOptions OPTIONS = new PrepareOptions(FrameSampling.evenly(SAMPLED), SIZE, 1.3, 2);

    @TempDir
    static Path tmp;
    static Path synth;
    static CanonicalDataset truth;
    static Path out;
    static PrepareSummary summary;

    @BeforeAll
    static void prepare() throws IOException {
        synth = tmp.resolve("synth");
        new SynthGenerator(new SynthOptions(6, 1, 8, SIZE, 3, List.of(CompressionLevel.NONE),
                List.of(Method.DEEPFAKES, Method.FACE2FACE), true, 2)).generate(synth, "test", done -> { });
        truth = CanonicalDataset.open(synth);
        out = tmp.resolve("prepared");
        summary = new Preparer(OPTIONS).prepare(new FaceForensicsLayout(null).list(synth), out, Map.of(),
                ProgressListener.NONE);
        System.out.printf("prepare: %d frames, %.1f frames/s, faces not found %d%n", summary.framesWritten(),
                summary.framesPerSecond(), summary.facesNotFound());
    }

    @Test
    void everyVideoBecomesItsSampledFacesWithItsLabel() throws IOException {
        assertEquals(18, summary.videos(), "6 real videos and 6 fakes for each of two methods");
        assertEquals(18, summary.prepared());
        assertEquals(0, summary.failed(), summary.problems().toString());
        CanonicalDataset prepared = CanonicalDataset.open(out);
        Map<String, List<FrameRecord>> byVideo = prepared.frames().stream()
                .collect(Collectors.groupingBy(f -> f.method() + "/" + f.video(), TreeMap::new, Collectors.toList()));
        assertEquals(18, byVideo.size());
        long frames = 0;
        for (var e : byVideo.entrySet()) {
            List<FrameRecord> f = e.getValue();
            assertTrue(f.size() >= SAMPLED - 1 && f.size() <= SAMPLED, e.getKey() + ": " + f.size() + " frames");
            frames += f.size();
        }
        assertEquals(18L * SAMPLED, frames + summary.facesNotFound());
        Map<String, Integer> labels = new HashMap<>();
        for (FrameRecord f : prepared.frames()) {
            labels.merge(f.method() + "=" + f.label(), 1, Integer::sum);
            assertNotNull(f.regions());
            assertEquals(f.fake(), f.mask() != null, "fakes have masks (from the mask video), reals none");
            try (Mat image = prepared.readImage(f)) {
                assertEquals(SIZE, image.cols());
                assertEquals(SIZE, image.rows());
            }
        }
        assertEquals(3, labels.size(), labels.toString());
        assertTrue(labels.containsKey("original=0") && labels.containsKey("Deepfakes=1")
                && labels.containsKey("Face2Face=1"), labels.toString());
        // the frame indices and labels are the synthetic data's (splits are prepare's own)
        Map<String, FrameRecord> truthByFrame = truthByFrame();
        for (FrameRecord f : prepared.frames()) {
            FrameRecord t = truthByFrame.get(f.method() + "/" + f.video() + "/" + f.frame());
            assertNotNull(t, "no such synthetic frame: " + f.image());
            assertEquals(t.label(), f.label());
        }
    }

    /**
     * Each prepared mask against the ground-truth mask of the synthetic frame cut with the same
     * square: the raw videos are lossless (FFV1), so only the mask video's YUV rounding and the
     * binarisation can move edges; anything below 0.8 means misaligned frames or boxes.
     */
    @Test
    void masksMatchTheGroundTruthCutWithTheSameSquare() throws IOException {
        CanonicalDataset prepared = CanonicalDataset.open(out);
        Map<String, FrameRecord> truthByFrame = truthByFrame();
        Map<String, FrameRecord> preparedByFrame = new HashMap<>();
        prepared.frames().forEach(f -> preparedByFrame.put(f.method() + "/" + f.video() + "/" + f.frame(), f));
        FaceCropper cropper = new FaceCropper(OPTIONS.scale(), SIZE);
        double sum = 0;
        int n = 0;
        double worst = 1;
        try (FaceDetector detector = OPTIONS.detector().open()) {
            for (VideoSource s : new FaceForensicsLayout(null).list(synth).videos()) {
                if (!s.fake()) {
                    continue;
                }
                List<double[]> ious = new java.util.ArrayList<>();
                VideoFrames.forEach(s.file(), OPTIONS.sampling(), frame -> {
                    String key = s.method() + "/" + s.video() + "/" + frame.index();
                    FrameRecord p = preparedByFrame.get(key);
                    Optional<PreparedFace> face = cropper.crop(frame.bgr(), detector);
                    if (p == null || face.isEmpty()) {
                        return;
                    }
                    try (PreparedFace f = face.get(); Mat gt = truth.readMask(truthByFrame.get(key), frame.bgr());
                            Mat expected = cropper.mask(gt, f.box()); Mat got = prepared.readMask(p, f.image())) {
                        assertEquals(new FaceBox(f.face().x(), f.face().y(), f.face().width(), f.face().height()), p.box(),
                                "the same face box as prepare found");
                        ious.add(new double[] {iou(Raster.of(expected), Raster.of(got))});
                    }
                });
                for (double[] v : ious) {
                    sum += v[0];
                    worst = Math.min(worst, v[0]);
                    n++;
                }
            }
        }
        double mean = sum / n;
        System.out.printf("prepare: mask IoU over %d fake frames: mean %.4f, worst %.4f%n", n, mean, worst);
        assertTrue(n >= 30, "compared " + n + " masks");
        assertTrue(mean > 0.8, "mean IoU " + mean);
    }

    /**
     * With landmark regions, each crop's region masks are what dlib's points on that crop and
     * its face box give, drawn by the reference's rule, and they differ from the geometric ones.
     */
    @Test
    void landmarkRegionsAreDrawnFromDlibsPointsOnEachCrop() throws IOException {
        ShapePredictor model = LandmarkGoldens.model();
        List<VideoSource> two = new FaceForensicsLayout(null).list(synth).videos().subList(0, 2);
        Path landmarks = tmp.resolve("prepared-landmarks");
        Preparer preparer = new Preparer(OPTIONS, PartLocator.landmarks(model), "dlib's landmarks");
        PrepareSummary s = preparer.prepare(two, landmarks, Map.of(), ProgressListener.NONE);
        assertTrue(s.framesWritten() >= SAMPLED, s.framesWritten() + " frames");
        assertTrue(preparer.regionSeconds() > 0);
        assertTrue(Files.readString(landmarks.resolve("dataset.json")).contains("\"regions\" : \"dlib's landmarks\""));
        CanonicalDataset prepared = CanonicalDataset.open(landmarks);
        CanonicalDataset geometric = CanonicalDataset.open(out);
        Map<String, FrameRecord> geometricByImage = new HashMap<>();
        geometric.frames().forEach(f -> geometricByImage.put(f.image(), f));
        int differ = 0;
        for (FrameRecord f : prepared.frames()) {
            FaceParts expected;
            try (Mat crop = prepared.readImage(f)) {
                expected = FaceParts.of(model.predict(GrayImage.of(crop), f.box()), f.box());
            }
            for (String part : FaceParts.PARTS) {
                try (Mat got = prepared.readRegion(f, part); Mat other = geometric.readRegion(geometricByImage.get(f.image()), part)) {
                    assertEquals(expected.mask(part, SIZE, SIZE), Raster.of(got), f.image() + " " + part);
                    differ += Raster.of(got).equals(Raster.of(other)) ? 0 : 1;
                }
            }
        }
        assertTrue(differ > 0, "landmark regions are not the geometric ones");
    }

    /**
     * {@code --align}: each crop is the face turned onto the template (the same pixels as the
     * aligner gives for that frame), its mask turned the same way, and its eyes level.
     */
    @Test
    void alignedCropsAndTheirMasksAreTurnedAlike() throws IOException {
        ShapePredictor model = LandmarkGoldens.model();
        FaceAligner aligner = new FaceAligner(model);
        List<VideoSource> fakes = new FaceForensicsLayout(null).list(synth).videos().stream().filter(VideoSource::fake)
                .limit(2).toList();
        Path aligned = tmp.resolve("prepared-aligned");
        PrepareSummary s = new Preparer(OPTIONS, PartLocator.geometric(), "geometry", aligner)
                .prepare(fakes, aligned, Map.of(), ProgressListener.NONE);
        assertTrue(s.framesWritten() >= 2 * (SAMPLED - 1), s.framesWritten() + " frames");
        assertTrue(Files.readString(aligned.resolve("dataset.json")).contains("\"alignment\""));
        CanonicalDataset prepared = CanonicalDataset.open(aligned);
        Map<String, FrameRecord> truthByFrame = truthByFrame();
        Map<String, FrameRecord> preparedByFrame = new HashMap<>();
        prepared.frames().forEach(f -> preparedByFrame.put(f.method() + "/" + f.video() + "/" + f.frame(), f));
        FaceCropper cropper = new FaceCropper(OPTIONS.scale(), SIZE, aligner);
        List<Double> ious = new java.util.ArrayList<>();
        List<Double> tilts = new java.util.ArrayList<>();
        try (FaceDetector detector = OPTIONS.detector().open()) {
            for (VideoSource v : fakes) {
                VideoFrames.forEach(v.file(), OPTIONS.sampling(), frame -> {
                    String key = v.method() + "/" + v.video() + "/" + frame.index();
                    FrameRecord p = preparedByFrame.get(key);
                    Optional<PreparedFace> face = cropper.crop(frame.bgr(), detector);
                    if (p == null || face.isEmpty()) {
                        return;
                    }
                    try (PreparedFace f = face.get(); Mat image = prepared.readImage(p);
                            Mat gt = truth.readMask(truthByFrame.get(key), frame.bgr());
                            Mat expected = cropper.mask(gt, f); Mat got = prepared.readMask(p, image)) {
                        assertNotNull(f.alignment());
                        assertEquals(Raster.of(f.image()), Raster.of(image), key + ": the aligner's crop");
                        ious.add(iou(Raster.of(expected), Raster.of(got)));
                        double[][] five = FaceAligner.fivePoints(model.predict(GrayImage.of(image), p.box()));
                        tilts.add(Math.toDegrees(Math.atan2(five[1][1] - five[0][1], five[1][0] - five[0][0])));
                    }
                });
            }
        }
        assertTrue(ious.size() >= 2 * (SAMPLED - 1), ious.size() + " frames compared");
        double mean = ious.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(mean > 0.8, "mean mask IoU " + mean + " " + ious);
        for (double t : tilts) {
            assertTrue(Math.abs(t) < 5, "eyes tilt by " + t + " degrees in an aligned crop: " + tilts);
        }
    }

    @Test
    void aSecondRunSkipsCompletedVideosAndWritesTheSameIndex() throws IOException {
        String before = Files.readString(out.resolve("index.csv"));
        PrepareSummary again = new Preparer(OPTIONS).prepare(new FaceForensicsLayout(null).list(synth), out, Map.of(),
                ProgressListener.NONE);
        assertEquals(18, again.skipped());
        assertEquals(0, again.prepared());
        assertEquals(0, again.framesWritten());
        assertEquals(before, Files.readString(out.resolve("index.csv")));
    }

    @Test
    void corruptAndEmptyVideosAreCountedAsFailedAndTheRunGoesOn() throws IOException {
        Path root = tmp.resolve("bad");
        Path videos = Files.createDirectories(root.resolve("original_sequences/youtube/raw/videos"));
        Files.copy(synth.resolve("original_sequences/youtube/raw/videos/000.mp4"), videos.resolve("000.mp4"));
        Files.write(videos.resolve("001.mp4"), new byte[0]);
        Files.write(videos.resolve("002.mp4"), "not a video at all, just some bytes".repeat(50).getBytes());
        List<VideoSource> sources = new FaceForensicsLayout(null).list(root).videos();
        assertEquals(3, sources.size());
        PrepareSummary s = new Preparer(OPTIONS).prepare(sources, tmp.resolve("bad-out"), Map.of(),
                ProgressListener.NONE);
        assertEquals(1, s.prepared());
        assertEquals(2, s.failed());
        assertEquals(2, s.problems().size(), s.problems().toString());
        assertTrue(s.framesWritten() >= SAMPLED - 1);
    }

    @Test
    void aFolderWithoutTheStructureGivesOneClearError() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(plain.resolve("notes.txt"), "hello");
        IOException e = assertThrows(IOException.class, () -> new FaceForensicsLayout(null).list(plain));
        assertTrue(e.getMessage().contains("not a FaceForensics++ folder"), e.getMessage());
        IOException f = assertThrows(IOException.class, () -> new FolderLayout().list(plain));
        assertTrue(f.getMessage().contains("real/"), f.getMessage());
    }

    @Test
    void officialSplitsPutBothFakesOfAPairWithItsRealVideos() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("splits"));
        Files.writeString(dir.resolve("train.json"), "[[\"000\", \"001\"], [\"002\", \"003\"]]");
        Files.writeString(dir.resolve("val.json"), "[[\"004\", \"005\"]]");
        Files.writeString(dir.resolve("test.json"), "[]");
        Map<String, io.lvnet.data.Split> s = FaceForensicsSplits.videos(FaceForensicsSplits.inFolder(dir));
        assertEquals(io.lvnet.data.Split.TRAIN, s.get("001_000"));
        assertEquals(io.lvnet.data.Split.VAL, s.get("004_005"));
        assertEquals(io.lvnet.data.Split.VAL, s.get("005"));
        assertNull(s.get("000_002"));
    }

    private static Map<String, FrameRecord> truthByFrame() {
        Map<String, FrameRecord> m = new HashMap<>();
        truth.frames().forEach(f -> m.put(f.method() + "/" + f.video() + "/" + f.frame(), f));
        return m;
    }

    private static double iou(Raster a, Raster b) {
        long inter = 0;
        long union = 0;
        for (int i = 0; i < a.data().length; i++) {
            boolean x = a.data()[i] != 0;
            boolean y = b.data()[i] != 0;
            inter += x && y ? 1 : 0;
            union += x || y ? 1 : 0;
        }
        return union == 0 ? 1.0 : (double) inter / union;
    }
}
