package io.lvnet.data;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.IntPredicate;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Takes frames out of a video file with FFmpeg (through JavaCV), one at a time, so memory
 * stays at one frame whatever the video's length.
 *
 * <pre>{@code
 * VideoFrames.forEach(video, FrameSampling.evenly(), frame -> {
 *     List<FaceBox> faces = detector.detect(frame.bgr()); // frame.bgr() is closed afterwards
 * });
 *
 * try (VideoFrames frames = VideoFrames.open(video, FrameSampling.everyKth(3))) {
 *     VideoFrame next;
 *     while ((next = frames.next()) != null) {
 *         try (VideoFrame f = next) { ... }                // next() hands the frame over
 *     }
 * }
 * }</pre>
 *
 * <p>The video is decoded from start to end and frames are numbered as they come out of
 * the decoder, the way OpenCV's {@code VideoCapture.read} loop in the reference tools counts
 * them; frames that are not taken are decoded but not converted to BGR. Seeking would skip
 * decoding, but FFmpeg seeks to timestamps, and mapping frame numbers to timestamps is
 * off by a frame now and then; exact indices matter more here, and the videos of deepfake
 * datasets are short.
 *
 * <p>Untrusted videos are opened with {@link DecodeLimits}: every decoded frame's size, time and
 * count are checked before it is converted or handed on, and the first frame past a limit ends
 * the reading with a {@link DecodeLimitException}. The container's claims are checked too when the
 * video is opened, but they only refuse early: a file can claim anything.
 *
 * <p>{@link FrameSampling#evenly} needs the number of frames before decoding: it is the
 * container's frame count where the container stores one (MP4, MOV, AVI), else counted by
 * reading the file's packets once without decoding (Matroska, WebM, raw streams). If the
 * stored count overstates the decodable frames (a truncated file), the last planned frames
 * are missing, as with the reference tools.
 *
 * <p>Errors are {@link IOException}s with a one-line message naming the file: missing,
 * empty, not a video, a still image, no video stream, nothing decodable. Loading this
 * class turns FFmpeg's own console log down to fatal errors, since every failure comes
 * back as an exception and FFmpeg would otherwise print its stream summary for each file
 * (raise it again with {@code avutil.av_log_set_level}).
 *
 * <p>Not thread-safe: use an instance from one thread at a time (different instances are
 * independent).
 */
public final class VideoFrames implements AutoCloseable {
    static {
        av_log_set_level(AV_LOG_FATAL);
    }

    /** Receives the frames of {@link #forEach}. */
    @FunctionalInterface
    public interface FrameConsumer {
        /**
         * Receives one frame. The frame's picture is freed when this returns: keep a
         * {@code clone()} of it to use it later.
         */
        void accept(VideoFrame frame) throws IOException;
    }

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final int decoderThreads;
    private final DecodeLimits limits;
    private final IntPredicate taken;
    private final int frameCount;
    private final double frameRate;
    private final long startMicros;
    private final long containerMicros;
    private final int width;
    private final int height;
    /** Made on the first {@link #next}: opening a video to read its header decodes nothing. */
    private FrameDecoder decoder;
    private int nextIndex;
    private boolean ended;
    private boolean closed;

    private VideoFrames(Path file, FFmpegFrameGrabber grabber, FrameSampling sampling, int frameCount, int decoderThreads,
            DecodeLimits limits) {
        this.file = file;
        this.grabber = grabber;
        this.decoderThreads = decoderThreads;
        this.limits = limits;
        this.frameCount = frameCount;
        this.frameRate = grabber.getVideoFrameRate();
        this.startMicros = streamStartMicros(grabber);
        this.containerMicros = grabber.getLengthInTime();
        this.width = grabber.getImageWidth();
        this.height = grabber.getImageHeight();
        this.taken = sampling.plan(frameCount, frameRate);
    }

    /**
     * Calls {@code consumer} with each sampled frame of a video, in order, and closes each
     * frame after the call.
     *
     * @param video the video file
     * @param sampling which frames to take
     * @param consumer receives the frames; an exception from it stops reading and is rethrown
     * @return the number of frames passed to the consumer
     * @throws IOException if the file is missing or not a readable video (one-line message
     *     naming it), or the consumer failed
     */
    public static int forEach(Path video, FrameSampling sampling, FrameConsumer consumer) throws IOException {
        return forEach(video, sampling, DecodeLimits.NONE, consumer);
    }

    /**
     * {@link #forEach(Path, FrameSampling, FrameConsumer)} within limits.
     *
     * @throws DecodeLimitException when the video goes past a limit (after the frames before it)
     */
    public static int forEach(Path video, FrameSampling sampling, DecodeLimits limits, FrameConsumer consumer)
            throws IOException {
        int delivered = 0;
        try (VideoFrames frames = open(video, sampling, 0, limits)) {
            VideoFrame frame;
            while ((frame = frames.next()) != null) {
                try (VideoFrame owned = frame) {
                    consumer.accept(owned);
                }
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * Opens a video for sampling, with FFmpeg's choice of decoder threads.
     *
     * @see #open(Path, FrameSampling, int)
     */
    public static VideoFrames open(Path video, FrameSampling sampling) throws IOException {
        return open(video, sampling, 0);
    }

    /**
     * Opens a trusted video for sampling, without {@link DecodeLimits}.
     *
     * @see #open(Path, FrameSampling, int, DecodeLimits)
     */
    public static VideoFrames open(Path video, FrameSampling sampling, int decoderThreads) throws IOException {
        return open(video, sampling, decoderThreads, DecodeLimits.NONE);
    }

    /**
     * Opens a video for sampling.
     *
     * @param video the video file
     * @param sampling which frames to take
     * @param decoderThreads threads of the video decoder; 0 lets FFmpeg choose (about one
     *     per core), 1 suits decoding many videos in parallel
     * @param limits what may be decoded ({@link DecodeLimits#NONE} for trusted files)
     * @return the open video; close it
     * @throws NoSuchFileException if the file does not exist
     * @throws DecodeLimitException if the container states a frame size or length past the limits,
     *     or holds more frames than they allow
     * @throws IOException if the file is not a readable video (one-line message naming it)
     */
    public static VideoFrames open(Path video, FrameSampling sampling, int decoderThreads, DecodeLimits limits)
            throws IOException {
        if (decoderThreads < 0) {
            throw new IllegalArgumentException("decoder threads must be 0 (auto) or more, got " + decoderThreads);
        }
        checkFile(video);
        FFmpegFrameGrabber grabber = start(video);
        try {
            checkStated(video, grabber, limits);
            int count = storedFrameCount(grabber);
            if (count <= 0 && sampling.needsFrameCount()) {
                count = countPackets(video, limits);
                if (count <= 0) {
                    throw failure(video, "no video frames");
                }
            } else if (count <= 0) {
                // good enough to report; nothing is planned with it
                count = grabber.getLengthInVideoFrames() > 0 ? grabber.getLengthInVideoFrames() : -1;
            }
            if (sampling instanceof FrameSampling.AtRate && !(grabber.getVideoFrameRate() > 0)) {
                throw failure(video, "unknown frame rate, cannot sample at a rate");
            }
            return new VideoFrames(video, grabber, sampling, count, decoderThreads, limits);
        } catch (IOException | RuntimeException e) {
            release(grabber);
            throw e;
        }
    }

    /**
     * The next sampled frame, or {@code null} after the last one. The caller owns the frame
     * and closes it.
     *
     * @throws InterruptedIOException if the thread is interrupted: decoding a long video can
     *     take a while, and a caller that gave up (a service whose request timed out) should
     *     get its thread back
     * @throws DecodeLimitException if the frame decoded next goes past a limit: larger than
     *     allowed (decoded, or refused by the decoder), later than allowed, or one too many
     * @throws IOException if decoding fails, or the video ends without a single decodable
     *     frame
     */
    public VideoFrame next() throws IOException {
        if (closed) {
            throw new IllegalStateException("video " + file + " is closed");
        }
        if (decoder == null && !ended) {
            decoder = new FrameDecoder("cannot read video " + file, grabber, decoderThreads, limits);
        }
        while (!ended) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("reading video " + file + " was interrupted");
            }
            int index = nextIndex;
            AVFrame picture;
            try {
                picture = decoder.next();
            } catch (FrameDecoder.Refused r) {
                ended = true;
                throw limitExceeded(r.width > 0 ? limits.pixelsProblem("frame " + index, r.width, r.height)
                        : limits.refusedProblem("frame " + index));
            } catch (IOException e) {
                throw failure(file, "decoding failed at frame " + index + ": " + firstLine(e.getMessage()), e);
            }
            if (picture == null) {
                ended = true;
                if (index == 0) {
                    throw failure(file, "no decodable video frames");
                }
                return null;
            }
            nextIndex++;
            long micros = timestamp(picture.best_effort_timestamp(), index);
            String problem = limits.countProblem(nextIndex);
            if (problem == null) {
                // checked before conversion: an oversized frame costs no BGR copy
                problem = limits.pixelsProblem("frame " + index, picture.width(), picture.height());
            }
            if (problem == null) {
                problem = limits.timeProblem("frame " + index, micros / 1e6);
            }
            if (problem != null) {
                ended = true;
                throw limitExceeded(problem);
            }
            if (taken.test(index)) {
                return new VideoFrame(index, micros, bgrCopy(picture, index));
            }
        }
        return null;
    }

    /** Frames decoded so far, taken or not. */
    public int decodedFrames() {
        return nextIndex;
    }

    /** The video file. */
    public Path file() {
        return file;
    }

    /**
     * The number of frames in the video as known before decoding: the container's count
     * where it stores one; else, for {@link FrameSampling#evenly}, the counted packets, and
     * for the other samplings an estimate from duration and frame rate, or -1 if unknown.
     */
    public int frameCount() {
        return frameCount;
    }

    /**
     * How long the video plays, in seconds, as far as the file says before decoding: the
     * longer of the container's duration and frame count / frame rate (a file could understate
     * one of them), or NaN when it states neither.
     */
    public double durationSeconds() {
        double container = containerMicros > 0 ? containerMicros / 1e6 : Double.NaN;
        double counted = frameCount > 0 && frameRate > 0 ? frameCount / frameRate : Double.NaN;
        if (Double.isNaN(container)) {
            return counted;
        }
        return Double.isNaN(counted) ? container : Math.max(container, counted);
    }

    /** The nominal frame rate in frames per second, 0 if the container does not say. */
    public double frameRate() {
        return frameRate;
    }

    /** Frame width in pixels. */
    public int width() {
        return width;
    }

    /** Frame height in pixels. */
    public int height() {
        return height;
    }

    /** Frees FFmpeg's native resources; closing twice is harmless. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (decoder != null) {
                decoder.close();
            }
            release(grabber);
        }
    }

    private Mat bgrCopy(AVFrame picture, int index) throws IOException {
        try {
            return decoder.bgr(picture);
        } catch (IllegalStateException e) {
            throw failure(file, "frame " + index + " did not convert to 8-bit BGR");
        }
    }

    private DecodeLimitException limitExceeded(String problem) {
        return new DecodeLimitException("cannot read video " + file + ": " + problem);
    }

    /** A frame's time in microseconds from the stream's start, from its timestamp in stream time base units. */
    private long timestamp(long pts, int index) {
        if (pts == AV_NOPTS_VALUE) {
            return frameRate > 0 ? Math.round(index * 1_000_000.0 / frameRate) : 0;
        }
        AVRational base = grabber.getFormatContext().streams(grabber.getVideoStream()).time_base();
        long relative;
        try {
            relative = Math.multiplyExact(Math.multiplyExact(1_000_000L, pts), (long) base.num()) / base.den() - startMicros;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // a timestamp beyond any video's length: past every limit
        }
        if (relative >= 0 || !(frameRate > 0)) {
            return relative;
        }
        // a frame without a timestamp comes back as a huge negative number: use the nominal time
        return Math.round(index * 1_000_000.0 / frameRate);
    }

    private static void checkFile(Path video) throws IOException {
        if (!Files.exists(video)) {
            throw new NoSuchFileException(video.toString(), null, "cannot read video: no such file");
        }
        if (!Files.isRegularFile(video)) {
            throw failure(video, "not a regular file");
        }
        if (!Files.isReadable(video)) {
            throw failure(video, "permission denied");
        }
        if (Files.size(video) == 0) {
            throw failure(video, "empty file");
        }
    }

    /** Opens the file's container; the grabber's own decoder stays idle (see {@link FrameDecoder}), so it gets one thread. */
    private static FFmpegFrameGrabber start(Path video) throws IOException {
        // an absolute path starts with '/', so FFmpeg cannot take a "name:" prefix for a protocol
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toAbsolutePath().toString());
        grabber.setImageMode(FrameGrabber.ImageMode.COLOR);
        grabber.setVideoOption("threads", "1");
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            release(grabber);
            throw failure(video, "not a video or unsupported format", e);
        }
        try {
            if (!grabber.hasVideo()) {
                throw failure(video, "no video stream");
            }
            String format = grabber.getFormatContext().iformat().name().getString();
            // FFmpeg reads a PNG or JPEG as a one-frame "video"; that is a mistake worth naming
            if (format != null && (format.equals("image2") || format.endsWith("_pipe"))) {
                throw failure(video, "a still image (" + format + "), not a video");
            }
            return grabber;
        } catch (IOException e) {
            release(grabber);
            throw e;
        }
    }

    /** The frame count the container stores for the video stream, 0 if it stores none. */
    private static int storedFrameCount(FFmpegFrameGrabber grabber) {
        AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
        long frames = stream.nb_frames();
        return frames > 0 && frames <= Integer.MAX_VALUE ? (int) frames : 0;
    }

    /** The size and length the container states, against the limits: a claim past them is refused at once. */
    private static void checkStated(Path video, FFmpegFrameGrabber grabber, DecodeLimits limits) throws DecodeLimitException {
        String problem = limits.pixelsProblem("the stated frame size", grabber.getImageWidth(), grabber.getImageHeight());
        long micros = grabber.getLengthInTime();
        if (problem == null && micros > 0) {
            problem = limits.timeProblem("the stated end", micros / 1e6);
        }
        if (problem != null) {
            throw new DecodeLimitException("cannot read video " + video + ": " + problem);
        }
    }

    /** Counts the video stream's packets (one per frame) without decoding them, up to one past the limit. */
    private static int countPackets(Path video, DecodeLimits limits) throws IOException {
        FFmpegFrameGrabber counter = start(video);
        try {
            int stream = counter.getVideoStream();
            int count = 0;
            for (AVPacket packet; (packet = counter.grabPacket()) != null; ) {
                if (packet.stream_index() == stream) {
                    count++;
                }
                av_packet_unref(packet); // grabPacket leaves each packet for the caller to free
                String problem = limits.countProblem(count);
                if (problem != null) {
                    throw new DecodeLimitException("cannot read video " + video + ": " + problem);
                }
            }
            return count;
        } catch (FrameGrabber.Exception e) {
            throw failure(video, "cannot count frames: " + firstLine(e.getMessage()), e);
        } finally {
            release(counter);
        }
    }

    private static long streamStartMicros(FFmpegFrameGrabber grabber) {
        AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
        long start = stream.start_time();
        if (start == AV_NOPTS_VALUE) {
            return 0;
        }
        AVRational base = stream.time_base();
        return 1_000_000L * start * base.num() / base.den();
    }

    private static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception e) {
            // nothing useful to do: the file is being abandoned anyway
        }
    }

    private static IOException failure(Path video, String reason) {
        return new IOException("cannot read video " + video + ": " + reason);
    }

    private static IOException failure(Path video, String reason, Exception cause) {
        return new IOException("cannot read video " + video + ": " + reason, cause);
    }

    private static String firstLine(String message) {
        return message == null ? "unknown error" : message.lines().findFirst().orElse(message);
    }
}
