package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoFramesTest {
    private static final int FRAMES = 40;
    private static final int FPS = 25;
    private static final long FRAME_MICROS = 1_000_000L / FPS;

    @TempDir
    static Path dir;

    private static Path mp4;
    private static Path mkv;

    @BeforeAll
    static void writeVideos() throws IOException {
        mp4 = TestVideos.write(dir.resolve("numbered.mp4"), "mp4", FRAMES, FPS);
        mkv = TestVideos.write(dir.resolve("numbered.mkv"), "matroska", FRAMES, FPS);
    }

    @Test
    void evenlySpacedFramesAreTheLinspaceIndices() throws IOException {
        // numpy.linspace(0, 39, 32).astype(int)
        int[] expected = {0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13, 15, 16, 17, 18, 20, 21, 22, 23,
                25, 26, 27, 28, 30, 31, 32, 33, 35, 36, 37, 39};
        assertArrayEquals(expected, sample(mp4, FrameSampling.evenly()));
        assertArrayEquals(new int[] {0, 9, 19, 29, 39}, sample(mp4, FrameSampling.evenly(5)));
        assertArrayEquals(new int[] {0}, sample(mp4, FrameSampling.evenly(1)));
    }

    @Test
    void evenlyNeedsNoStoredFrameCount() throws IOException {
        // Matroska stores no frame count: it is counted from the packets
        try (VideoFrames frames = VideoFrames.open(mkv, FrameSampling.evenly(5))) {
            assertEquals(FRAMES, frames.frameCount());
        }
        assertArrayEquals(new int[] {0, 9, 19, 29, 39}, sample(mkv, FrameSampling.evenly(5)));
    }

    @Test
    void evenlyOverAShortVideoTakesEachFrameOnce() throws IOException {
        Path ten = TestVideos.write(dir.resolve("ten.mp4"), "mp4", 10, FPS);
        assertArrayEquals(IntStream.range(0, 10).toArray(), sample(ten, FrameSampling.evenly()));
    }

    @Test
    void evenlyIndicesMatchNumpyLinspace() {
        assertArrayEquals(new int[] {0, 9, 19, 28, 38, 48, 57, 67, 77, 86, 96, 106, 115, 125, 135, 144,
                154, 163, 173, 183, 192, 202, 212, 221, 231, 241, 250, 260, 270, 279, 289, 299},
                new FrameSampling.Evenly(32).indices(300));
        assertArrayEquals(new int[] {0, 16, 33, 49, 66, 82, 99}, new FrameSampling.Evenly(7).indices(100));
        assertArrayEquals(new int[] {0, 32, 64, 96, 128, 161, 193, 225, 257, 290, 322, 354, 386, 418, 451,
                483, 515, 547, 580, 612, 644, 676, 708, 741, 773, 805, 837, 870, 902, 934, 966, 999},
                new FrameSampling.Evenly(32).indices(1000));
        int[] thirtyThree = IntStream.rangeClosed(0, 32).filter(i -> i != 31).toArray();
        assertArrayEquals(thirtyThree, new FrameSampling.Evenly(32).indices(33));
        assertArrayEquals(new int[] {0}, new FrameSampling.Evenly(1).indices(7));
        assertThrows(IllegalArgumentException.class, () -> new FrameSampling.Evenly(32).indices(0));
        assertThrows(IllegalArgumentException.class, () -> FrameSampling.evenly(0));
    }

    @Test
    void everyKthFrame() throws IOException {
        assertArrayEquals(new int[] {0, 7, 14, 21, 28, 35}, sample(mp4, FrameSampling.everyKth(7)));
        assertArrayEquals(IntStream.range(0, FRAMES).toArray(), sample(mkv, FrameSampling.everyKth(1)));
        assertThrows(IllegalArgumentException.class, () -> FrameSampling.everyKth(0));
    }

    @Test
    void framesAtAGivenRate() throws IOException {
        // 10 per second of a 25 fps video: times 0, 0.1, 0.2 s ... fall in frames 0, 2 (0.08-0.12), 5, 7, ...
        int[] tenPerSecond = {0, 2, 5, 7, 10, 12, 15, 17, 20, 22, 25, 27, 30, 32, 35, 37};
        assertArrayEquals(tenPerSecond, sample(mp4, FrameSampling.atRate(10)));
        assertArrayEquals(new int[] {0, 5, 10, 15, 20, 25, 30, 35}, sample(mp4, FrameSampling.atRate(5)));
        assertArrayEquals(new int[] {0, 25}, sample(mp4, FrameSampling.atRate(1)));
        // faster than the video: every frame, once
        assertArrayEquals(IntStream.range(0, FRAMES).toArray(), sample(mp4, FrameSampling.atRate(60)));
        // 30000/1001 fps at a third of that rate: exactly every third frame despite rounding
        assertTrue(IntStream.range(0, 3000).allMatch(i -> FrameSampling.atRate(10000 / 1001.0)
                .plan(0, 30000 / 1001.0).test(i) == (i % 3 == 0)));
        assertThrows(IllegalArgumentException.class, () -> FrameSampling.atRate(0));
    }

    @Test
    void framesComeWithTimestampsAndOwnedPictures() throws IOException {
        List<VideoFrame> kept = new ArrayList<>();
        try (VideoFrames frames = VideoFrames.open(mp4, FrameSampling.everyKth(13))) {
            assertEquals(FRAMES, frames.frameCount());
            assertEquals(FPS, frames.frameRate(), 1e-9);
            assertEquals(TestVideos.SIZE, frames.width());
            assertEquals(TestVideos.SIZE, frames.height());
            assertEquals(mp4, frames.file());
            VideoFrame next;
            while ((next = frames.next()) != null) {
                kept.add(next);
            }
            assertNull(frames.next()); // stays at the end
        }
        // the pictures outlive the reader and are distinct copies
        try {
            assertEquals(List.of(0, 13, 26, 39), kept.stream().map(VideoFrame::index).toList());
            for (VideoFrame f : kept) {
                assertEquals(f.index() * FRAME_MICROS, f.timestampMicros(), 1000);
                assertEquals(CV_8UC3, f.bgr().type());
                assertEquals(f.index(), TestVideos.numberOf(f.bgr()));
            }
        } finally {
            kept.forEach(VideoFrame::close);
        }
    }

    @Test
    void forEachCountsDeliveredFramesAndPassesConsumerErrorsOn() throws IOException {
        List<Integer> seen = new ArrayList<>();
        assertEquals(4, VideoFrames.forEach(mp4, FrameSampling.everyKth(13), f -> seen.add(f.index())));
        assertEquals(List.of(0, 13, 26, 39), seen);
        IOException stop = new IOException("consumer stopped");
        assertSame(stop, assertThrows(IOException.class,
                () -> VideoFrames.forEach(mp4, FrameSampling.evenly(), f -> {
                    throw stop;
                })));
    }

    @Test
    void durationComesFromTheFileBeforeDecoding() throws IOException {
        try (VideoFrames frames = VideoFrames.open(mp4, FrameSampling.everyKth(1))) {
            assertEquals(FRAMES / (double) FPS, frames.durationSeconds(), 0.05);
        }
        try (VideoFrames frames = VideoFrames.open(mkv, FrameSampling.everyKth(1))) {
            assertEquals(FRAMES / (double) FPS, frames.durationSeconds(), 0.05);
        }
    }

    @Test
    void anInterruptedThreadStopsDecoding() throws IOException {
        try (VideoFrames frames = VideoFrames.open(mp4, FrameSampling.everyKth(1))) {
            frames.next().close();
            Thread.currentThread().interrupt();
            try {
                java.io.InterruptedIOException e = assertThrows(java.io.InterruptedIOException.class, frames::next);
                assertTrue(e.getMessage().contains("numbered.mp4"), e.getMessage());
            } finally {
                Thread.interrupted(); // leave the test thread as it was
            }
        }
    }

    @Test
    void closedVideoRefusesToRead() throws IOException {
        VideoFrames frames = VideoFrames.open(mp4, FrameSampling.evenly());
        frames.close();
        frames.close();
        assertThrows(IllegalStateException.class, frames::next);
    }

    @Test
    void unreadableFilesGiveOneLineErrorsNamingTheFile() throws IOException {
        Path missing = dir.resolve("missing.mp4");
        assertEquals(missing.toString(), assertThrows(NoSuchFileException.class,
                () -> VideoFrames.open(missing, FrameSampling.evenly())).getFile());

        assertFailure(Files.createFile(dir.resolve("zero.mp4")), "empty file");
        byte[] noise = new byte[64 * 1024];
        new Random(1).nextBytes(noise);
        assertFailure(Files.write(dir.resolve("corrupt.mp4"), noise), "not a video");
        assertFailure(Files.writeString(dir.resolve("notes.mp4"), "not a video at all\n"), "not a video");
        byte[] whole = Files.readAllBytes(mp4);
        // FFmpegFrameRecorder writes the index (moov) at the end, so the first half has none
        assertFailure(Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(whole, whole.length / 2)),
                "not a video");
        assertFailure(Files.write(dir.resolve("garbage.mp4"), garbagePayload(whole)), "no decodable video frames");
        assertFailure(Files.createDirectories(dir.resolve("folder.mp4")), "not a regular file");
        assertFailure(TestVideos.writeWav(dir.resolve("silence.wav")), "no video stream");
        Path png = dir.resolve("still.png");
        try (Mat picture = TestVideos.numbered(3)) {
            assertTrue(imwrite(png.toString(), picture));
        }
        assertFailure(png, "still image");
    }

    @Test
    void framesArePixelForPixelWhatJavaCvsGrabberDecodes() throws IOException {
        Path odd = dir.resolve("gradient.mp4");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(odd.toString(), 330, 46, 0);
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("mpeg4");
            recorder.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.start();
            for (int i = 0; i < 6; i++) {
                try (Mat m = new Mat(46, 330, CV_8UC3); UByteIndexer px = m.createIndexer()) {
                    for (int y = 0; y < 46; y++) {
                        for (int x = 0; x < 330; x++) {
                            px.put(y, x, 0, (x * 3 + i * 20) & 0xFF).put(y, x, 1, (y * 5) & 0xFF).put(y, x, 2, (x * y + i) & 0xFF);
                        }
                    }
                    recorder.record(converter.convert(m));
                }
            }
            recorder.stop();
        }
        Path mjpeg = HostileVideos.mjpegAvi(dir.resolve("grey.avi"), List.of(HostileVideos.greyJpeg(328, 24),
                HostileVideos.greyJpeg(328, 24)), 328, 24, 10, 2);
        for (Path video : List.of(mp4, mkv, odd, mjpeg)) {
            List<byte[]> expected = new ArrayList<>();
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toString());
                    OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
                grabber.setImageMode(org.bytedeco.javacv.FrameGrabber.ImageMode.COLOR);
                grabber.start();
                for (org.bytedeco.javacv.Frame f; (f = grabber.grabImage()) != null; ) {
                    try (Mat copy = converter.convert(f).clone()) {
                        expected.add(bytes(copy));
                    }
                }
            }
            List<byte[]> got = new ArrayList<>();
            VideoFrames.forEach(video, FrameSampling.everyKth(1), f -> got.add(bytes(f.bgr())));
            assertEquals(expected.size(), got.size(), video.toString());
            for (int i = 0; i < got.size(); i++) {
                assertArrayEquals(expected.get(i), got.get(i), video + " frame " + i);
            }
        }
    }

    @Test
    void aFrameFarLargerThanItsHeaderSaysIsRefusedBeforeItIsAllocated() throws IOException {
        byte[] small = HostileVideos.greyJpeg(64, 64);
        byte[] huge = HostileVideos.hugeGreyJpeg(12000, 12000); // 144 megapixels, 1.7 MB of JPEG
        Path growing = HostileVideos.mjpegAvi(dir.resolve("growing.avi"),
                List.of(small, small, small, small, small, huge, huge, small), 64, 64, 10, 8);
        long before = PeakMemoryProbe.rssMb();
        try (PeakMemoryProbe probe = PeakMemoryProbe.start();
                VideoFrames frames = VideoFrames.open(growing, FrameSampling.everyKth(1), 1, DecodeLimits.of(40_000_000, 120))) {
            assertEquals(64, frames.width(), "the header's size");
            for (int i = 0; i < 5; i++) {
                frames.next().close();
            }
            DecodeLimitException e = assertThrows(DecodeLimitException.class, frames::next);
            assertEquals("cannot read video " + growing + ": frame 5 is larger than the limit of 40,000,000 pixels "
                    + "(the decoder refused to allocate it)", e.getMessage());
            assertEquals(5, frames.decodedFrames(), "decoding stopped at the oversized frame");
            assertNull(frames.next(), "and stays stopped");
            // decoded, the frame alone would take 144 MB, and 432 MB more as BGR
            assertTrue(probe.peakMb() - before < 100, "resident memory grew by " + (probe.peakMb() - before) + " MB");
        }
    }

    @Test
    void aFrameJustPastTheLimitIsRefusedBeforeItIsConverted() throws IOException {
        byte[] small = HostileVideos.greyJpeg(64, 64);
        Path growing = HostileVideos.mjpegAvi(dir.resolve("wider.avi"),
                List.of(small, small, HostileVideos.greyJpeg(96, 64), small), 64, 64, 10, 4);
        DecodeLimits limits = DecodeLimits.of(5_000, 120); // 64 x 64 = 4,096 pixels pass
        try (VideoFrames frames = VideoFrames.open(growing, FrameSampling.everyKth(1), 1, limits)) {
            frames.next().close();
            frames.next().close();
            DecodeLimitException e = assertThrows(DecodeLimitException.class, frames::next);
            assertTrue(e.getMessage().endsWith(": frame 2 is 96 x 64 = 6,144 pixels, more than the limit of 5,000"), e.getMessage());
            assertEquals(3, frames.decodedFrames());
        }
        DecodeLimitException stated = assertThrows(DecodeLimitException.class,
                () -> VideoFrames.open(growing, FrameSampling.everyKth(1), 1, DecodeLimits.of(4_000, 120)));
        assertTrue(stated.getMessage().endsWith(": the stated frame size is 64 x 64 = 4,096 pixels, more than the limit of 4,000"),
                stated.getMessage());
    }

    @Test
    void aContainerThatUnderstatesItsLengthIsStoppedAtTheLimit() throws IOException {
        byte[] small = HostileVideos.greyJpeg(64, 64);
        List<byte[]> frames800 = java.util.Collections.nCopies(800, small);
        // the header says 10 frames at 10 fps: one second; the index holds 80 s of frames
        Path lying = HostileVideos.mjpegAvi(dir.resolve("lying.avi"), frames800, 64, 64, 10, 10);
        try (VideoFrames frames = VideoFrames.open(lying, FrameSampling.evenly(4), 1, DecodeLimits.of(40_000_000, 3))) {
            assertEquals(1.0, frames.durationSeconds(), 1e-9, "what the container claims");
            DecodeLimitException e = assertThrows(DecodeLimitException.class, () -> {
                while (frames.next() != null) {
                    // the four planned frames lie in the first second
                }
            });
            assertTrue(e.getMessage().endsWith(": frame 31 is at 3.1 s, past the limit of 3 s"), e.getMessage());
            assertEquals(32, frames.decodedFrames());
        }
        // a frame rate that squeezes any number of frames into the time limit meets the frame limit
        Path fast = HostileVideos.mjpegAvi(dir.resolve("fast.avi"), frames800, 64, 64, 1000, 800);
        DecodeLimits limits = new DecodeLimits(40_000_000, 3, 100);
        DecodeLimitException e = assertThrows(DecodeLimitException.class,
                () -> VideoFrames.forEach(fast, FrameSampling.everyKth(50), limits, f -> { }));
        assertTrue(e.getMessage().endsWith(": more than 100 frames, the limit"), e.getMessage());
        assertEquals(16, VideoFrames.forEach(fast, FrameSampling.everyKth(50), f -> { }), "no limits: every frame");
    }

    private static byte[] bytes(Mat m) {
        assertTrue(m.isContinuous());
        byte[] b = new byte[(int) (m.total() * m.elemSize())];
        m.data().get(b);
        return b;
    }

    /** An MP4 whose index (moov) is intact but whose frame data (mdat) is random bytes. */
    private static byte[] garbagePayload(byte[] mp4) {
        String text = new String(mp4, StandardCharsets.ISO_8859_1);
        int mdat = text.indexOf("mdat");
        int moov = text.indexOf("moov");
        assertTrue(mdat > 0 && moov > mdat, "test video layout: mdat " + mdat + ", moov " + moov);
        byte[] copy = mp4.clone();
        Random random = new Random(3);
        for (int i = mdat + 8; i < moov - 8; i++) {
            copy[i] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static void assertFailure(Path file, String reason) {
        for (FrameSampling sampling : List.of(FrameSampling.evenly(), FrameSampling.everyKth(1))) {
            IOException e = assertThrows(IOException.class, () -> VideoFrames.forEach(file, sampling, f -> { }));
            String m = e.getMessage();
            assertFalse(m.contains("\n"), m);
            assertTrue(m.startsWith("cannot read video " + file + ": "), m);
            assertTrue(m.contains(reason), m);
        }
    }

    /** Samples a video and checks that every delivered picture shows the frame its index names. */
    private static int[] sample(Path video, FrameSampling sampling) throws IOException {
        List<Integer> indices = new ArrayList<>();
        VideoFrames.forEach(video, sampling, f -> {
            assertEquals(f.index(), TestVideos.numberOf(f.bgr()), "picture of frame " + f.index());
            assertEquals(f.index() * FRAME_MICROS, f.timestampMicros(), 1000);
            indices.add(f.index());
        });
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }
}
