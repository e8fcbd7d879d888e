package io.lvnet.cli;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.FaceCropPreprocessor;
import io.lvnet.data.FrameSampling;
import io.lvnet.data.SyntheticFaces;
import io.lvnet.data.TestVideos;
import io.lvnet.data.VideoFrames;
import io.lvnet.detect.DetectionReport;
import io.lvnet.detect.FileResult;
import io.lvnet.detect.FrameResult;
import io.lvnet.model.LvNetConfig;
import io.lvnet.detect.LvNetModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lvnet detect on whole pictures and videos: faces found, frames sampled, pictures and rows written. */
class DetectMediaTest {
    @TempDir
    static Path dir;
    static Path weights;

    @BeforeAll
    static void weights() throws Exception {
        weights = dir.resolve("compact.safetensors");
        try (LvNetModel model = LvNetModel.create(LvNetConfig.compact())) {
            model.save(weights);
        }
    }

    @Test
    void videosAreSampledScoredPerFrameAndGetAVerdict() throws Exception {
        Path video = TestVideos.write(dir.resolve("clip.mp4"), "mp4", 40, 10);
        // float32, as the library scores below (auto picks bfloat16 where the CPU has it)
        CliRun r = CliRun.of("detect", "-w", weights.toString(), "--face", "none", "--frames", "8", "--precision", "fp32",
                "--json", video.toString());
        assertEquals(0, r.status(), r.err());
        FileResult f = DetectionReport.fromJson(r.out()).files().get(0);
        assertEquals("video", f.type());
        assertEquals(8, f.frames().size());
        assertEquals(List.of(0, 5, 11, 16, 22, 27, 33, 39), f.frames().stream().map(FrameResult::index).toList());
        assertEquals(3.9, f.frames().get(7).timeSeconds(), 1e-9);

        // each frame scores as the library scores the decoded frame
        List<float[]> inputs = new ArrayList<>();
        VideoFrames.forEach(video, FrameSampling.evenly(8), fr -> inputs.add(FaceCropPreprocessor.normalisedChw(fr.bgr(), 160)));
        double sum = 0;
        try (LvNetModel model = LvNetModel.load(weights)) {
            for (int i = 0; i < 8; i++) {
                float p = model.predict(inputs.get(i), 1).fakeProbability()[0];
                assertEquals(p, f.frames().get(i).fakeProbability(), 1e-5f);
                sum += p;
            }
        }
        assertEquals(sum / 8, f.fakeProbability(), 1e-5);
        assertEquals(sum / 8, f.maxFacesProbability(), 1e-5); // one face per frame
    }

    @Test
    void aVideoPastTheDecodeLimitsFailsAtTheFrameThatWentPast() throws Exception {
        byte[] small = io.lvnet.data.HostileVideos.greyJpeg(64, 64);
        Path wider = io.lvnet.data.HostileVideos.mjpegAvi(dir.resolve("wider.avi"),
                List.of(small, small, io.lvnet.data.HostileVideos.greyJpeg(96, 64), small), 64, 64, 10, 4);
        Path lying = io.lvnet.data.HostileVideos.mjpegAvi(dir.resolve("lying.avi"), java.util.Collections.nCopies(80, small),
                64, 64, 10, 10); // says 1 s, holds 8 s
        CliRun r = CliRun.of("detect", "-w", weights.toString(), "--face", "none", "--frames", "4", "--json",
                "--max-megapixels", "0.005", "--max-video-seconds", "3", wider.toString(), lying.toString());
        assertEquals(1, r.status(), r.err());
        List<FileResult> files = DetectionReport.fromJson(r.out()).files();
        assertEquals("cannot read video " + wider + ": frame 2 is 96 x 64 = 6,144 pixels, more than the limit of 5,000",
                files.get(0).error());
        assertEquals("cannot read video " + lying + ": frame 31 is at 3.1 s, past the limit of 3 s", files.get(1).error());
    }

    @Test
    void facesAreFoundInWholePicturesAndDrawnWithTheirHeatmaps() throws Exception {
        Path picture = dir.resolve("portrait.png");
        try (Mat face = SyntheticFaces.face(320, 240, 160, 120, 60)) {
            imwrite(picture.toString(), face);
        }
        Path blank = dir.resolve("blank.png");
        try (Mat empty = new Mat(120, 160, org.bytedeco.opencv.global.opencv_core.CV_8UC3,
                new org.bytedeco.opencv.opencv_core.Scalar(128, 128, 128, 0))) {
            imwrite(blank.toString(), empty);
        }
        Path video = TestVideos.write(dir.resolve("noface.mp4"), "mp4", 12, 6);
        Path out = dir.resolve("pictures");
        Path csv = dir.resolve("faces.csv");
        CliRun r = CliRun.of("detect", "-w", weights.toString(), "--json", "--largest", "--out", out.toString(),
                "--csv", csv.toString(), "--frames", "4", picture.toString(), blank.toString(), video.toString());
        assertEquals(0, r.status(), r.err());
        List<FileResult> files = DetectionReport.fromJson(r.out()).files();
        FileResult portrait = files.get(0);
        assertEquals(1, portrait.faces().size());
        int[] box = portrait.faces().get(0).box();
        assertTrue(box[0] > 60 && box[0] + box[2] < 260 && box[1] > 20 && box[1] + box[3] < 220,
                "the face box surrounds the drawn face: " + java.util.Arrays.toString(box));
        assertNotNull(portrait.fakeProbability());
        assertTrue(files.get(1).faces().isEmpty());
        assertNull(files.get(1).fakeProbability());
        assertNull(files.get(1).error());
        assertEquals(4, files.get(2).frames().size());

        BufferedImage overlay = ImageIO.read(out.resolve("0000_portrait_face0.png").toFile());
        assertEquals(160, overlay.getWidth());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("path,type,frame,time_s,face,x,y,width,height,fake_probability,raw_probability,verdict,error,sha256,person", rows.get(0));
        assertEquals(3, rows.size(), rows.toString()); // header, the portrait's face, the blank picture
        assertTrue(rows.get(2).endsWith("no face found," + files.get(1).sha256() + ","), rows.get(2));
        assertEquals(64, files.get(1).sha256().length());
    }

    @Test
    void aCorruptVideoIsReportedAndTheRestIsScanned() throws Exception {
        Path bad = Files.write(dir.resolve("broken.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 1, 2, 3});
        Path good = TestVideos.write(dir.resolve("ok.mkv"), "matroska", 10, 5);
        Path out = dir.resolve("timeline");
        CliRun r = CliRun.of("detect", "-w", weights.toString(), "--face", "none", "--frames", "5", "--out", out.toString(),
                "--json", bad.toString(), good.toString());
        assertEquals(1, r.status());
        List<FileResult> files = DetectionReport.fromJson(r.out()).files();
        assertTrue(files.get(0).error().contains("broken.mp4"), files.get(0).error());
        assertEquals(5, files.get(1).frames().size());
        assertTrue(Files.size(out.resolve("0001_ok_timeline.png")) > 1000);
        assertTrue(Files.exists(out.resolve("0001_ok_frame" + bestFrame(files.get(1)) + "_face0.png")));
    }

    private static int bestFrame(FileResult video) {
        return video.frames().stream().max((a, b) -> Float.compare(a.fakeProbability(), b.fakeProbability())).orElseThrow().index();
    }
}
