package io.lvnet.perturb;

import io.lvnet.data.Raster;
import io.lvnet.data.VideoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A frame through H.264 and back: written as a one-frame mp4 by {@link VideoFiles} (so with
 * the encoder settings of {@code lvnet synth}'s compressed clips) and decoded again. A single
 * frame is an intra frame; the inter frames of a real video at the same quantiser are coded
 * from it and carry much the same loss.
 */
final class H264RoundTrip {
    private H264RoundTrip() {
    }

    static Raster roundTrip(Raster bgr, int quantiser) {
        Path file = null;
        try {
            // FFmpeg's mp4 muxer seeks back to write its index, so it needs a file, not a stream
            file = Files.createTempFile("lvnet-h264-", ".mp4");
            VideoFiles.writeH264(file, List.of(bgr), quantiser);
            List<Raster> frames = VideoFiles.read(file, bgr.width(), bgr.height());
            if (frames.size() != 1) {
                throw new IllegalStateException("H.264 round trip gave " + frames.size() + " frames instead of 1");
            }
            return frames.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }
}
