package io.lvnet.data;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Short mp4 clips from frames and back, with FFmpeg, encoded on one thread so that the same
 * frames always give the same bytes. Uncompressed ({@link CompressionLevel#NONE}) clips are
 * FFV1, a lossless codec, in 4:4:4 YUV: they decode to the frames up to the rounding of the
 * colour conversion (FF++'s raw videos are lossless H.264). Compressed clips are H.264
 * ({@code libopenh264}; MPEG-4 part 2 where a build lacks it), 4:2:0, at a fixed quantiser per
 * level. 4:2:0 video needs even dimensions: odd-sized frames are padded by repeating the last
 * row and column (in every clip, for simplicity), and {@link #read} crops the padding off again.
 */
public final class VideoFiles {
    /** Frame rate written into clips. */
    public static final int FPS = 25;
    private static final String H264 = "libopenh264";

    static {
        // FFmpeg logs every stream it opens at "info"; keep the console for real problems
        av_log_set_level(AV_LOG_ERROR);
    }

    private VideoFiles() {
    }

    /**
     * The quantiser used for a compressed level (H.264 scale, 0-51): {@code light} 24 (about
     * FF++'s c23), {@code heavy} 40 (c40); {@code none} is lossless and has none (0).
     */
    public static int quantiser(CompressionLevel level) {
        return switch (level) {
            case NONE -> 0;
            case LIGHT -> 24;
            case HEAVY -> 40;
        };
    }

    /** The encoder used for a level: {@code ffv1} for none, else {@link #h264Encoder()}. */
    public static String encoder(CompressionLevel level) {
        return level == CompressionLevel.NONE ? "ffv1" : h264Encoder();
    }

    /**
     * Writes frames as an mp4 video.
     *
     * @param file the video to write (replaced if present)
     * @param frames BGR or 1-channel frames, all of one size (masks become grey video)
     * @param level how strongly to compress
     * @throws IOException if FFmpeg fails
     */
    public static void write(Path file, List<Raster> frames, CompressionLevel level) throws IOException {
        write(file, frames, encoder(level), level == CompressionLevel.NONE ? -1 : quantiser(level),
                level == CompressionLevel.LIGHT ? 4 : 14);
    }

    /**
     * Writes frames as an H.264 mp4 at a fixed quantiser, as the compressed levels of
     * {@link #write(Path, List, CompressionLevel)} are written. {@code libopenh264} has no
     * constant-rate-factor mode: a fixed quantiser is the closest deterministic setting, and
     * on the same 0-51 scale as x264's CRF.
     *
     * @param file the video to write (replaced if present)
     * @param frames BGR or 1-channel frames, all of one size
     * @param quantiser H.264 quantiser, 0 (finest) to 51 (coarsest)
     * @throws IllegalStateException if this FFmpeg build has no H.264 encoder
     * @throws IOException if FFmpeg fails
     */
    public static void writeH264(Path file, List<Raster> frames, int quantiser) throws IOException {
        if (quantiser < 0 || quantiser > 51) {
            throw new IllegalArgumentException("H.264 quantiser must be 0 to 51, got " + quantiser);
        }
        if (!hasEncoder(H264)) {
            throw new IllegalStateException("this FFmpeg build has no H.264 encoder (" + H264 + ")");
        }
        write(file, frames, H264, quantiser, 0);
    }

    /**
     * @param quantiser the H.264 quantiser, or -1 for the lossless 4:4:4 encoding
     * @param mpeg4Quality the fallback encoder's quality, where the build lacks H.264
     */
    private static void write(Path file, List<Raster> frames, String encoder, int quantiser, int mpeg4Quality)
            throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a video needs at least one frame");
        }
        int w = frames.get(0).width();
        int h = frames.get(0).height();
        int ew = w + (w & 1);
        int eh = h + (h & 1);
        try (PointerScope scope = new PointerScope();
                FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toString(), ew, eh, 0);
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            rec.setFormat("mp4");
            rec.setFrameRate(FPS);
            rec.setGopSize(FPS);
            rec.setVideoOption("threads", "1");
            rec.setVideoCodecName(encoder);
            if (quantiser < 0) {
                rec.setPixelFormat(AV_PIX_FMT_YUV444P);
            } else if (encoder.equals(H264)) {
                rec.setPixelFormat(AV_PIX_FMT_YUV420P);
                rec.setVideoBitrate(100_000_000);
                rec.setVideoOption("rc_mode", "quality");
                rec.setVideoOption("qmin", Integer.toString(quantiser));
                rec.setVideoOption("qmax", Integer.toString(quantiser));
            } else {
                rec.setPixelFormat(AV_PIX_FMT_YUV420P);
                rec.setVideoQuality(mpeg4Quality);
            }
            rec.start();
            for (Raster r : frames) {
                if (r.width() != w || r.height() != h) {
                    throw new IllegalArgumentException("all frames of a video must have one size");
                }
                Mat m = r.toMat();
                if (r.channels() == 1) {
                    cvtColor(m, m, COLOR_GRAY2BGR);
                }
                if (ew != w || eh != h) {
                    Mat padded = new Mat();
                    copyMakeBorder(m, padded, 0, eh - h, 0, ew - w, BORDER_REPLICATE, new Scalar(0));
                    m = padded;
                }
                rec.record(converter.convert(m), AV_PIX_FMT_BGR24);
            }
            rec.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("cannot write video " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads every frame of a video as BGR.
     *
     * @param file the video
     * @param width frame width to keep (crops the padding {@link #write} adds to odd sizes), or
     *     0 for the full width
     * @param height frame height to keep, or 0 for the full height
     */
    public static List<Raster> read(Path file, int width, int height) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        List<Raster> out = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setOption("threads", "1");
            grabber.setPixelFormat(AV_PIX_FMT_BGR24);
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                out.add(copy(frame, width, height));
            }
            grabber.stop();
        } catch (FrameGrabber.Exception e) {
            throw new IOException("cannot read video " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Copies a decoded BGR frame row by row. FFmpeg pads rows for alignment, and JavaCV then
     * infers the channel count from the padded row length (4 instead of 3 for some widths), so
     * the frame's own channel count and its matrix conversion cannot be trusted: the pixel format
     * was requested as BGR24, which fixes three bytes per pixel.
     */
    private static Raster copy(Frame frame, int width, int height) {
        int w = width > 0 ? Math.min(width, frame.imageWidth) : frame.imageWidth;
        int h = height > 0 ? Math.min(height, frame.imageHeight) : frame.imageHeight;
        ByteBuffer buffer = ((ByteBuffer) frame.image[0]).duplicate();
        int stride = frame.imageStride;
        byte[] data = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            buffer.position(y * stride);
            buffer.get(data, y * w * 3, w * 3);
        }
        return new Raster(w, h, 3, data);
    }

    /** The encoder of compressed clips: {@code libopenh264}, or {@code mpeg4} where the build lacks it. */
    public static String h264Encoder() {
        return hasEncoder(H264) ? H264 : "mpeg4";
    }

    /** Whether this FFmpeg build has an encoder. */
    static boolean hasEncoder(String name) {
        AVCodec codec = avcodec_find_encoder_by_name(name);
        return codec != null && !codec.isNull();
    }
}
