package io.lvnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoFilesTest {
    @TempDir
    Path tmp;

    /** Smooth moving gradients with a little noise: odd-sized, like 299-pixel frames. */
    private static List<Raster> frames(int w, int h, int n) {
        SplittableRandom rnd = new SplittableRandom(3);
        List<Raster> out = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            byte[] d = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (y * w + x) * 3;
                    d[i] = (byte) ((x * 2 + f * 5) & 0xff);
                    d[i + 1] = (byte) (y * 255 / h);
                    d[i + 2] = (byte) Math.min(255, 100 + rnd.nextInt(8) + (x + y) / 4);
                }
            }
            out.add(new Raster(w, h, 3, d));
        }
        return out;
    }

    private static double mae(Raster a, Raster b) {
        long s = 0;
        for (int i = 0; i < a.data().length; i++) {
            s += Math.abs((a.data()[i] & 0xff) - (b.data()[i] & 0xff));
        }
        return (double) s / a.data().length;
    }

    @Test
    void uncompressedClipsDecodeToTheirFramesAndOddSizesSurvive() throws IOException {
        List<Raster> frames = frames(75, 61, 4);
        Path file = tmp.resolve("a.mp4");
        VideoFiles.write(file, frames, CompressionLevel.NONE);
        List<Raster> back = VideoFiles.read(file, 75, 61);
        assertEquals(4, back.size());
        for (int f = 0; f < 4; f++) {
            assertEquals(75, back.get(f).width());
            assertEquals(61, back.get(f).height());
            assertTrue(mae(frames.get(f), back.get(f)) < 0.5, "frame " + f + ": " + mae(frames.get(f), back.get(f)));
        }
        assertEquals(76, VideoFiles.read(file, 0, 0).get(0).width());
    }

    @Test
    void compressionLevelsLoseMoreAsTheyGoAndEncodeDeterministically() throws IOException {
        List<Raster> frames = frames(96, 64, 3);
        double previous = -1;
        for (CompressionLevel level : CompressionLevel.values()) {
            Path a = tmp.resolve(level.id() + "-a.mp4");
            Path b = tmp.resolve(level.id() + "-b.mp4");
            VideoFiles.write(a, frames, level);
            VideoFiles.write(b, frames, level);
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), level.id());
            double err = mae(frames.get(1), VideoFiles.read(a, 96, 64).get(1));
            assertTrue(err > previous, level + ": " + err + " after " + previous);
            assertTrue(err < 8, level + ": " + err);
            previous = err;
        }
    }

    @Test
    void masksBecomeGreyVideo() throws IOException {
        byte[] m = new byte[32 * 32];
        for (int i = 0; i < m.length; i++) {
            m[i] = (byte) ((i % 32) >= 10 && (i / 32) >= 8 ? 255 : 0);
        }
        Path file = tmp.resolve("mask.mp4");
        VideoFiles.write(file, List.of(new Raster(32, 32, 1, m)), CompressionLevel.NONE);
        Raster back = VideoFiles.read(file, 32, 32).get(0);
        for (int i = 0; i < m.length; i++) {
            assertEquals(m[i] != 0, back.at(i % 32, i / 32, 1) >= 128, "pixel " + i);
        }
    }
}
