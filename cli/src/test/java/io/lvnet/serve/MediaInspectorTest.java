package io.lvnet.serve;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.TestVideos;
import io.lvnet.files.MediaType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formats from their bytes, sizes from their headers, video lengths from their containers. */
class MediaInspectorTest {
    static final ServeLimits LIMITS = new ServeLimits(1 << 20, 3, 20_000, 8, Duration.ofSeconds(10));

    @TempDir
    Path dir;

    @Test
    void imageSizesComeFromTheirHeaders() throws Exception {
        for (String ext : new String[] {"png", "jpg", "bmp", "webp", "tif"}) {
            // saved under a misleading name: only the bytes count
            Path file = dir.resolve("picture-" + ext + ".dat");
            try (Mat m = new Mat(77, 123, opencv_core.CV_8UC3, new Scalar(10, 200, 30, 0))) {
                Path named = dir.resolve("tmp." + ext);
                assertTrue(imwrite(named.toString(), m), ext);
                Files.move(named, file);
            }
            MediaInspector.Media media = MediaInspector.inspect(file, LIMITS);
            assertEquals(MediaType.IMAGE, media.type(), ext);
            assertEquals(ext, media.extension());
            assertEquals(123, media.width(), ext);
            assertEquals(77, media.height(), ext);
        }
    }

    @Test
    void losslessWebpIsSizedAndLimitedToo() throws Exception {
        Path webp = dir.resolve("lossless.webp");
        try (Mat m = new Mat(150, 140, opencv_core.CV_8UC3, new Scalar(1, 2, 3, 0));
                org.bytedeco.javacpp.IntPointer params = new org.bytedeco.javacpp.IntPointer(
                        org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY, 101)) {
            assertTrue(imwrite(webp.toString(), m, params));
        }
        ApiException e = assertThrows(ApiException.class, () -> MediaInspector.inspect(webp, LIMITS));
        assertEquals(422, e.status()); // 140 x 150 = 21,000 pixels, limit 20,000
        assertTrue(e.getMessage().contains("140 x 150"), e.getMessage());
    }

    @Test
    void videosAreMeasuredBeforeDecoding() throws Exception {
        Path mp4 = TestVideos.write(dir.resolve("a.bin"), "mp4", 20, 10);
        MediaInspector.Media m = MediaInspector.inspect(mp4, LIMITS);
        assertEquals(MediaType.VIDEO, m.type());
        assertEquals("mp4", m.extension());
        assertEquals(2.0, m.durationSeconds(), 0.05);
        Path mkv = TestVideos.write(dir.resolve("b.bin"), "matroska", 20, 10);
        assertEquals("mkv", MediaInspector.inspect(mkv, LIMITS).extension());
        Path long_ = TestVideos.write(dir.resolve("c.bin"), "matroska", 40, 10);
        assertEquals(422, assertThrows(ApiException.class, () -> MediaInspector.inspect(long_, LIMITS)).status());
    }

    @Test
    void anythingElseIs415() throws Exception {
        for (byte[] b : new byte[][] {"%PDF-1.7".getBytes(), {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0}, {}, "RIFF\0\0\0\0WAVEfmt ".getBytes()}) {
            Path f = Files.write(dir.resolve("x"), b);
            assertEquals(415, assertThrows(ApiException.class, () -> MediaInspector.inspect(f, LIMITS)).status());
        }
    }
}
