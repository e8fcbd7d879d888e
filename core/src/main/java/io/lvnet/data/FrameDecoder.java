package io.lvnet.data;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Decodes the video stream of an open grabber, whose demuxer supplies the packets, with a decoder
 * of its own. It works as {@code FFmpegFrameGrabber.grabFrame} does (send each packet, take every
 * frame out, skip packets that fail to decode, drain at the end; BGR through swscale's bilinear
 * path into 64-byte-aligned rows), so frames, their order and their pixels are the same; but the
 * decoded picture is in hand before anything is converted, so its real size can be checked, and
 * the decoder can be told the largest picture it may allocate.
 *
 * <p>Not thread-safe; owned by one {@link VideoFrames}.
 */
final class FrameDecoder implements AutoCloseable {
    /** A picture the decoder refused to allocate because of its allocation limit. */
    static final class Refused extends Exception {
        final int width;
        final int height;

        Refused(int width, int height) {
            super(null, null, false, false);
            this.width = width;
            this.height = height;
        }
    }

    private final FFmpegFrameGrabber demuxer;
    private final int stream;
    private final DecodeLimits limits;
    private AVCodecContext codec;
    private AVFrame picture;
    private SwsContext scaler;
    /** The converted picture with 64-byte-aligned rows, reused while the size stays. */
    private Mat rows;
    private boolean draining;

    /**
     * @param name the video, for messages
     * @param threads decoder threads, 0 for FFmpeg's choice
     * @param limits whose frame size sets the decoder's allocation limit
     */
    FrameDecoder(String name, FFmpegFrameGrabber demuxer, int threads, DecodeLimits limits) throws IOException {
        this.demuxer = demuxer;
        this.stream = demuxer.getVideoStream();
        this.limits = limits;
        String maxPixels = limits.allocationLimit();
        AVStream st = demuxer.getFormatContext().streams(stream);
        AVCodec decoder = avcodec_find_decoder(st.codecpar().codec_id());
        if (decoder == null) {
            throw new IOException(name + ": no decoder for the video codec");
        }
        codec = avcodec_alloc_context3(decoder);
        picture = av_frame_alloc();
        if (codec == null || picture == null) {
            close();
            throw new IOException(name + ": cannot allocate a video decoder");
        }
        AVDictionary options = new AVDictionary(null);
        try {
            int r = avcodec_parameters_to_context(codec, st.codecpar());
            if (r < 0) {
                throw new IOException(name + ": cannot set up the video decoder: " + error(r));
            }
            codec.thread_count(threads);
            if (maxPixels != null) {
                av_dict_set(options, "max_pixels", maxPixels, 0);
            }
            r = avcodec_open2(codec, decoder, options);
            if (r < 0) {
                throw new IOException(name + ": cannot open the video decoder: " + error(r));
            }
        } catch (IOException e) {
            close();
            throw e;
        } finally {
            av_dict_free(options);
        }
    }

    /**
     * The next decoded picture, valid until the next call, or null after the last one.
     *
     * @throws Refused when the decoder refused a picture larger than its allocation limit (the
     *     size is 0 x 0 where the decoder forgot it)
     * @throws IOException if reading the file fails
     */
    AVFrame next() throws IOException, Refused {
        while (true) {
            int width = codec.width();
            int height = codec.height();
            int r = avcodec_receive_frame(codec, picture);
            if (r >= 0) {
                return picture;
            }
            if (r == AVERROR_EOF()) {
                return null;
            }
            if (r != AVERROR_EAGAIN()) {
                refused(width, height);
                continue; // a frame that failed to decode is skipped, as the grabber skips it
            }
            if (draining) {
                return null;
            }
            AVPacket packet;
            try {
                packet = demuxer.grabPacket();
            } catch (FrameGrabber.Exception e) {
                throw new IOException(e.getMessage(), e);
            }
            if (packet == null) {
                draining = true;
                avcodec_send_packet(codec, null); // the decoder may hold frames back
                continue;
            }
            try {
                if (packet.stream_index() == stream) {
                    width = codec.width();
                    height = codec.height();
                    if (avcodec_send_packet(codec, packet) < 0) {
                        refused(width, height);
                    }
                }
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /**
     * After a decoding error: was it the allocation limit? A decoder whose picture size check
     * fails sets its size to 0 x 0 (ff_set_dimensions) or keeps the refused size (ff_get_buffer's
     * check); a size over the limit is refused either way.
     */
    private void refused(int widthBefore, int heightBefore) throws Refused {
        if (limits.maxPixels() == Long.MAX_VALUE) {
            return;
        }
        int w = codec.width();
        int h = codec.height();
        boolean forgotten = (w == 0 || h == 0) && widthBefore > 0 && heightBefore > 0;
        boolean oversized = (long) w * h > limits.maxPixels();
        if (forgotten || oversized) {
            throw new Refused(forgotten ? 0 : w, forgotten ? 0 : h);
        }
    }

    /** The picture as a new 8-bit BGR matrix, converted as the grabber converts it. */
    Mat bgr(AVFrame frame) {
        int w = frame.width();
        int h = frame.height();
        int aligned = (w + 63) & ~63; // the grabber's workaround for swscale's alignment bug
        if (rows == null || rows.rows() != h || rows.cols() != aligned) {
            if (rows != null) {
                rows.close();
            }
            rows = new Mat(h, aligned, CV_8UC3);
        }
        scaler = sws_getCachedContext(scaler, w, h, frame.format(), w, h, AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null,
                (org.bytedeco.javacpp.DoublePointer) null);
        if (scaler == null) {
            throw new IllegalStateException("cannot convert " + w + " x " + h + " pixels of format " + frame.format() + " to BGR");
        }
        try (PointerPointer<?> dst = new PointerPointer<>(1).put(rows.data());
                IntPointer stride = new IntPointer(1).put(aligned * 3)) {
            sws_scale(scaler, frame.data(), frame.linesize(), 0, h, dst, stride);
        }
        try (Rect visible = new Rect(0, 0, w, h); Mat view = new Mat(rows, visible)) {
            return view.clone();
        }
    }

    @Override
    public void close() {
        if (scaler != null) {
            sws_freeContext(scaler);
            scaler = null;
        }
        if (rows != null) {
            rows.close();
            rows = null;
        }
        if (picture != null) {
            av_frame_free(picture);
            picture = null;
        }
        if (codec != null) {
            avcodec_free_context(codec);
            codec = null;
        }
    }

    private static String error(int code) {
        byte[] buf = new byte[256];
        av_strerror(code, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
