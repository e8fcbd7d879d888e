package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.synth.FaceRenderer;
import io.lvnet.synth.Method;
import io.lvnet.synth.SynthOptions;
import io.lvnet.synth.SynthPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BlazeFace on OpenCV's DNN module: the real photos and renders of the goldens (one face each,
 * placed as dlib places it), the synthetic benchmark's real test frames, small faces.
 */
class BlazeFaceDetectorTest {
    static final Path GOLDENS = Path.of("..", "shared", "goldens", "landmarks");
    static final List<String> PICTURES = List.of("photo.png", "photo_half.png", "photo_flip.png", "photo_rot12.png",
            "photo_dark.png", "rendered_000.png", "rendered_001.png", "rendered_002.png", "rendered_003.png",
            "rendered_004.png", "rendered_005.png");

    private static TwoStageBlazeFace twoStage;
    private static BlazeFaceDetector shortRange;

    @BeforeAll
    static void load() throws IOException {
        twoStage = TwoStageBlazeFace.bundled();
        shortRange = BlazeFaceDetector.shortRange();
    }

    @AfterAll
    static void close() {
        twoStage.close();
        shortRange.close();
    }

    /** The goldens' reference faces by picture: dlib's box and 68 points (the first line for a picture). */
    static Map<String, JsonNode> references() throws IOException {
        Map<String, JsonNode> refs = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(GOLDENS.resolve("dlib_landmarks.jsonl"))) {
            JsonNode n = json.readTree(line);
            refs.putIfAbsent(n.get("image").asText(), n.get("faces").get(0));
        }
        return refs;
    }

    @Test
    void findsOneFaceOnEachGoldenPictureWhereDlibDoesWithItsEyesNoseAndMouth() throws IOException {
        Map<String, JsonNode> refs = references();
        for (String name : PICTURES) {
            try (Mat picture = OpenCvImages.readBgr(GOLDENS.resolve(name))) {
                List<BlazeFaceDetector.Detection> two = twoStage.detectWithKeypoints(picture);
                List<BlazeFaceDetector.Detection> alone = shortRange.detectWithKeypoints(picture);
                assertEquals(1, two.size(), name + ": " + two);
                assertEquals(1, alone.size(), name + ": " + alone);
                JsonNode ref = refs.get(name);
                if (ref == null) {
                    continue; // rendered_005 has no reference
                }
                JsonNode b = ref.get("box");
                FaceBox dlib = new FaceBox(b.get(0).asInt(), b.get(1).asInt(), b.get(2).asInt() - b.get(0).asInt(),
                        b.get(3).asInt() - b.get(1).asInt());
                for (BlazeFaceDetector.Detection d : List.of(two.get(0), alone.get(0))) {
                    double iou = d.box().iou(dlib);
                    System.out.printf(Locale.ROOT, "%s: %s IoU %.3f with the reference box%n", name, d.box(), iou);
                    assertTrue(iou >= 0.6, name + ": " + d.box() + " vs " + dlib + ", IoU " + iou);
                    assertKeypointsOnTheFace(name, d, ref.get("points"), dlib.width());
                }
            }
        }
    }

    /** Right eye, left eye, nose tip and mouth within a tenth of the face's width of dlib's points. */
    private static void assertKeypointsOnTheFace(String name, BlazeFaceDetector.Detection d, JsonNode points, int faceWidth) {
        double[][] expected = {mean(points, 36, 42), mean(points, 42, 48), mean(points, 30, 31), mean(points, 48, 68)};
        String[] what = {"right eye", "left eye", "nose tip", "mouth"};
        for (int k = 0; k < expected.length; k++) {
            double dx = d.keypoints()[2 * k] - expected[k][0];
            double dy = d.keypoints()[2 * k + 1] - expected[k][1];
            double off = Math.hypot(dx, dy);
            assertTrue(off < 0.1 * faceWidth, String.format(Locale.ROOT, "%s: %s %.0f px from dlib's (%.0f, %.0f)",
                    name, what[k], off, expected[k][0], expected[k][1]));
        }
    }

    private static double[] mean(JsonNode points, int from, int to) {
        double x = 0;
        double y = 0;
        for (int i = from; i < to; i++) {
            x += points.get(i).get(0).asDouble();
            y += points.get(i).get(1).asDouble();
        }
        return new double[] {x / (to - from), y / (to - from)};
    }

    /**
     * The synthetic benchmark's real test frames ({@code lvnet synth --identities 400 --videos 1
     * --frames 2 --size 160 --compression none}: uncompressed frames are the renders), the
     * first 12 of its test videos: every face found at IoU 0.5 with its true box, no face given
     * two boxes.
     */
    @Test
    void findsEveryFaceOfTheSyntheticBenchmarksRealTestFramesOnce() throws IOException {
        SynthOptions options = new SynthOptions(400, 1, 2, 160, 1, List.of(CompressionLevel.NONE), List.of(Method.values()),
                false, 1);
        SynthPlan plan = new SynthPlan(options);
        FaceRenderer renderer = new FaceRenderer(options.size());
        int frames = 0;
        int found = 0;
        for (int v = 0; v < plan.videoCount() && frames < 24; v++) {
            SynthPlan.Video video = plan.video(v);
            if (plan.split(video.identity()) != Split.TEST) {
                continue;
            }
            for (int f = 0; f < options.frames(); f++) {
                var frame = renderer.render(video.scene(), video.person(), video.expressions().get(f), video.poses().get(f),
                        plan.noise(v, f));
                try (Mat m = frame.image().toMat()) {
                    List<FaceBox> boxes = twoStage.detect(m);
                    frames++;
                    found += boxes.stream().anyMatch(b -> b.iou(frame.box()) >= 0.5) ? 1 : 0;
                    long onFace = boxes.stream().filter(b -> b.iou(frame.box()) >= 0.3).count();
                    assertTrue(onFace <= 1, "video " + v + " frame " + f + ": two boxes on the face: " + boxes);
                }
            }
        }
        assertEquals(24, frames);
        assertTrue(found >= 0.99 * frames, found + " of " + frames + " faces found");
    }

    /**
     * A face of 7 % of the picture's longer side (the photo in a 3200 x 1800 frame): the
     * full-range stage finds it and the short-range stage boxes it as in the photo alone;
     * the short-range model alone does not see it.
     */
    @Test
    void findsSmallFacesThatTheShortRangeModelAloneMisses() throws IOException {
        try (Mat photo = OpenCvImages.readBgr(GOLDENS.resolve("photo.png"));
                Mat frame = new Mat(1800, 3200, CV_8UC3, new Scalar(90, 110, 100, 0));
                Rect at = new Rect(1400, 600, photo.cols(), photo.rows());
                Mat inside = frame.apply(at)) {
            photo.copyTo(inside);
            FaceBox alone = twoStage.detect(photo).get(0);
            FaceBox expected = new FaceBox(alone.x() + 1400, alone.y() + 600, alone.width(), alone.height());
            List<FaceBox> found = twoStage.detect(frame);
            assertEquals(1, found.size(), found.toString());
            assertTrue(found.get(0).iou(expected) > 0.85, found + " vs " + expected);
            assertEquals(List.of(), shortRange.detect(frame));
        }
    }

    @Test
    void readsGreyAndBgraPicturesAndFindsNothingInABlankOne() throws IOException {
        try (Mat photo = OpenCvImages.readBgr(GOLDENS.resolve("photo_half.png")); Mat grey = new Mat(); Mat bgra = new Mat();
                Mat blank = new Mat(240, 320, CV_8UC3, new Scalar(128, 128, 128, 0))) {
            cvtColor(photo, grey, COLOR_BGR2GRAY);
            cvtColor(photo, bgra, COLOR_BGR2BGRA);
            FaceBox colour = twoStage.detect(photo).get(0);
            for (Mat m : new Mat[] {grey, bgra}) {
                List<FaceBox> faces = twoStage.detect(m);
                assertEquals(1, faces.size());
                assertTrue(faces.get(0).iou(colour) > 0.8, faces + " vs " + colour);
                FaceDetectorTest.assertInside(faces.get(0), m);
            }
            assertEquals(List.of(), twoStage.detect(blank));
            assertEquals(List.of(), shortRange.detect(blank));
        }
    }

    @Test
    void closedDetectorsRefuseToDetect() throws IOException {
        TwoStageBlazeFace two = TwoStageBlazeFace.bundled();
        BlazeFaceDetector one = BlazeFaceDetector.shortRange();
        two.close();
        two.close();
        one.close();
        try (Mat img = new Mat(50, 50, CV_8UC3, new Scalar(0, 0, 0, 0))) {
            assertThrows(IllegalStateException.class, () -> two.detect(img));
            assertThrows(IllegalStateException.class, () -> one.detect(img));
            assertThrows(IllegalArgumentException.class, () -> shortRange.detect(new Mat()));
        }
    }
}
