package io.lvnet.data;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Small test videos whose frames say which frame they are: frame {@code i} is 64x64 with
 * eight vertical stripes 8 pixels wide, stripe {@code b} white when bit {@code b} of
 * {@code i} is set and black otherwise. The stripes line up with the codec's 8x8 blocks and
 * use only black and white, so the number survives lossy MPEG-4 coding exactly.
 */
public final class TestVideos {
    static final int SIZE = 64;
    private static final int STRIPE = SIZE / 8;

    private TestVideos() {
    }

    /**
     * Writes a numbered MPEG-4 video.
     *
     * @param file where to write; the extension does not matter
     * @param format container: "mp4" (stores the frame count) or "matroska" (does not)
     * @param frames number of frames
     * @param fps frame rate
     */
    public static Path write(Path file, String format, int frames, int fps) throws IOException {
        av_log_set_level(AV_LOG_ERROR); // no stream summary for every file written
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toString(), SIZE, SIZE, 0);
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            recorder.setFormat(format);
            recorder.setVideoCodecName("mpeg4"); // FFmpeg's own encoder: always built in
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize(10); // key frames every 10 frames, P frames between
            recorder.setVideoBitrate(2_000_000); // plenty for 64x64: near-lossless
            recorder.start();
            for (int i = 0; i < frames; i++) {
                try (Mat frame = numbered(i)) {
                    recorder.record(converter.convert(frame));
                }
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("cannot write test video " + file, e);
        }
        return file;
    }

    /**
     * Writes rendered people as a lossless video: one clip, or two side by side with {@code gap}
     * pixels between them (each frame of {@code second} beside the same frame of {@code first}).
     */
    public static Path people(Path file, java.util.List<io.lvnet.blend.RenderedFrame> first,
            java.util.List<io.lvnet.blend.RenderedFrame> second, int gap) throws IOException {
        int size = first.get(0).image().width();
        return people(file, first, second, gap, second == null ? size : 2 * size + gap);
    }

    /**
     * As {@link #people(Path, java.util.List, java.util.List, int)}, in frames {@code width} wide:
     * a clip alone in a frame as wide as two side by side is found and cropped as it is beside
     * the other (the face detector sees the same scale); {@code first} may be null for a blank left.
     */
    public static Path people(Path file, java.util.List<io.lvnet.blend.RenderedFrame> first,
            java.util.List<io.lvnet.blend.RenderedFrame> second, int gap, int width) throws IOException {
        av_log_set_level(AV_LOG_ERROR);
        java.util.List<io.lvnet.blend.RenderedFrame> any = first != null ? first : second;
        int size = any.get(0).image().width();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toString(), width, size, 0);
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            recorder.setFormat("matroska");
            recorder.setVideoCodecName("ffv1"); // lossless: a face is the same pixels alone and beside another
            recorder.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0);
            recorder.setFrameRate(5);
            recorder.start();
            for (int i = 0; i < any.size(); i++) {
                Raster frame = Raster.blank(width, size, 3);
                if (first != null) {
                    paste(first.get(i).image(), frame, 0);
                }
                if (second != null) {
                    paste(second.get(i).image(), frame, size + gap);
                }
                try (Mat m = frame.toMat()) {
                    recorder.record(converter.convert(m));
                }
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("cannot write test video " + file, e);
        }
        return file;
    }

    private static void paste(Raster from, Raster to, int x0) {
        for (int y = 0; y < from.height(); y++) {
            System.arraycopy(from.data(), y * from.width() * 3, to.data(), (y * to.width() + x0) * 3, from.width() * 3);
        }
    }

    /** The picture of frame {@code i}. */
    static Mat numbered(int i) {
        Mat frame = new Mat(SIZE, SIZE, CV_8UC3, Scalar.all(0));
        for (int b = 0; b < 8; b++) {
            if ((i >> b & 1) != 0) {
                try (Rect stripe = new Rect(b * STRIPE, 0, STRIPE, SIZE); Mat roi = new Mat(frame, stripe)) {
                    roi.put(Scalar.all(255));
                }
            }
        }
        return frame;
    }

    /** Reads the frame number back from a decoded picture (stripe centres, majority light). */
    static int numberOf(Mat bgr) {
        int number = 0;
        try (UByteIndexer px = bgr.createIndexer()) {
            for (int b = 0; b < 8; b++) {
                long sum = 0;
                int n = 0;
                for (int y = 4; y < SIZE - 4; y++) {
                    for (int x = b * STRIPE + 2; x < b * STRIPE + STRIPE - 2; x++) {
                        sum += px.get(y, x, 1);
                        n++;
                    }
                }
                if (sum / n > 127) {
                    number |= 1 << b;
                }
            }
        }
        return number;
    }

    /** Writes a one-second mono 8 kHz 16-bit WAV file of silence: audio with no video. */
    static Path writeWav(Path file) throws IOException {
        int samples = 8000;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(samples * 2);
        return Files.write(file, wav.array());
    }
}
