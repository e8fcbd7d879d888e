package io.lvnet.detect;

import io.lvnet.data.FaceCrops;
import io.lvnet.data.FaceFinder;

import io.lvnet.progress.ProgressListener;

import io.lvnet.files.MediaType;

import io.lvnet.provenance.Sha256;
import io.lvnet.calibrate.Calibration;
import io.lvnet.calibrate.Verdict;
import io.lvnet.calibrate.VerdictRule;
import io.lvnet.data.DecodeLimits;
import io.lvnet.data.FaceCropPreprocessor;
import io.lvnet.data.FrameSampling;
import io.lvnet.data.OpenCvImages;
import io.lvnet.data.VideoFrame;
import io.lvnet.data.VideoFrames;
import io.lvnet.landmarks.GrayImage;
import io.lvnet.regions.FaceParts;
import io.lvnet.regions.PartAttribution;
import io.lvnet.regions.PartLocator;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Scans images and videos: finds the faces of each picture (or of each sampled video frame),
 * scores their crops in batches, and reports per face, per frame and per file. A file that
 * cannot be read is reported in its result, never thrown. An interrupted thread stops scanning
 * between frames and batches; its files are then reported as failed. Videos are decoded within
 * {@link DecodeLimits} ({@link DecodeLimits#defaults()} unless {@link #withLimits} says
 * otherwise): a video that goes past one fails at the frame that did. Each face's probability
 * is calibrated where the model's weights carry a calibration, and judged by a
 * {@link VerdictRule} ({@link #withVerdicts}).
 *
 * <p>Thread safety: a scanner may be used by one thread at a time; the model may be shared by
 * several scanners on several threads, each with its own {@link FaceFinder}.
 */
public final class FileScanner {
    /** Receives each scored face with its resized crop, e.g. to draw heatmap overlays. */
    @FunctionalInterface
    public interface FaceSink {
        /**
         * @param file the scanned file
         * @param frame the video frame's index, or -1 for an image
         * @param face the face's index in its picture
         * @param rgb the crop as the model saw it, size x size x 3 RGB bytes
         * @param size the model's input size
         * @param result the face's verdict
         */
        void accept(Path file, int frame, int face, byte[] rgb, int size, FaceResult result) throws IOException;

        /**
         * Receives each person of a scanned video with their most suspicious face's crop, once the
         * video's faces are linked into people. Does nothing unless overridden.
         *
         * @param rgb the crop of {@code person.mostSuspicious()}, as {@link #accept} received it
         */
        default void person(Path file, PersonResult person, byte[] rgb, int size, FaceResult face) throws IOException {
        }
    }

    private final LvNetModel model;
    private final FaceFinder finder;
    private final FrameSampling sampling;
    private final int batchSize;
    private final FaceSink sink;
    private final int decoderThreads;
    private final DecodeLimits limits;
    private final VerdictRule verdicts;
    private final PartLocator parts;
    private final QualityGate quality;
    /** Time spent measuring face quality, and linking faces into people (signatures included), for {@code bench --scan}. */
    private final java.util.concurrent.atomic.AtomicLong qualityNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong trackingNanos = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param model the detector's weights
     * @param finder how faces are found and cropped
     * @param sampling which frames of a video are scanned
     * @param batchSize faces per forward pass
     * @param sink told about every scored face, or null
     */
    public FileScanner(LvNetModel model, FaceFinder finder, FrameSampling sampling, int batchSize, FaceSink sink) {
        this(model, finder, sampling, batchSize, sink, 0);
    }

    /**
     * @param decoderThreads threads of each video's decoder: 0 lets FFmpeg choose (about one per
     *     core), 1 suits scanning several files at once on other threads
     */
    public FileScanner(LvNetModel model, FaceFinder finder, FrameSampling sampling, int batchSize, FaceSink sink,
            int decoderThreads) {
        this(model, finder, sampling, batchSize, sink, decoderThreads, DecodeLimits.defaults(),
                VerdictRule.choose(model.calibration(), null, null), null, QualityGate.DEFAULT);
    }

    private FileScanner(LvNetModel model, FaceFinder finder, FrameSampling sampling, int batchSize, FaceSink sink,
            int decoderThreads, DecodeLimits limits, VerdictRule verdicts, PartLocator parts, QualityGate quality) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        if (decoderThreads < 0) {
            throw new IllegalArgumentException("decoder threads must be 0 (auto) or more");
        }
        this.model = model;
        this.finder = finder;
        this.sampling = sampling;
        this.batchSize = batchSize;
        this.sink = sink;
        this.decoderThreads = decoderThreads;
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
        this.verdicts = java.util.Objects.requireNonNull(verdicts, "verdicts");
        this.parts = parts;
        this.quality = java.util.Objects.requireNonNull(quality, "quality");
    }

    /** This scanner with other limits on what a video may make it decode. */
    public FileScanner withLimits(DecodeLimits limits) {
        return new FileScanner(model, finder, sampling, batchSize, sink, decoderThreads, limits, verdicts, parts, quality);
    }

    /**
     * This scanner with another verdict rule. By default, weights with a calibration are
     * judged at {@link VerdictRule#DEFAULT_OPERATING_POINT}, others at
     * {@link VerdictRule#DEFAULT_THRESHOLD}.
     */
    public FileScanner withVerdicts(VerdictRule verdicts) {
        return new FileScanner(model, finder, sampling, batchSize, sink, decoderThreads, limits, verdicts, parts, quality);
    }

    /**
     * This scanner, also saying for each face which part holds its forged patches
     * ({@link FaceResult#parts()}, see {@link PartAttribution}), the parts found by
     * {@code locator} on the picture and the face's box.
     */
    public FileScanner withParts(PartLocator locator) {
        return new FileScanner(model, finder, sampling, batchSize, sink, decoderThreads, limits, verdicts, locator, quality);
    }

    /**
     * This scanner with other limits on which faces are good enough to judge ({@link
     * QualityGate#DEFAULT} by default, {@link QualityGate#OFF} to judge every face).
     */
    public FileScanner withQuality(QualityGate gate) {
        return new FileScanner(model, finder, sampling, batchSize, sink, decoderThreads, limits, verdicts, parts, gate);
    }

    /** Seconds this scanner has spent measuring face quality (see {@link FaceQuality}). */
    public double qualitySeconds() {
        return qualityNanos.get() / 1e9;
    }

    /** Seconds this scanner has spent linking video faces into people (see {@link FaceTracker}). */
    public double trackingSeconds() {
        return trackingNanos.get() / 1e9;
    }

    /**
     * Scans files as one stream of faces: the faces of consecutive files share forward passes,
     * so batches fill up across files (a folder of pictures with one face each is scored
     * {@code batchSize} at a time). Each file's result is the one {@link #scan(Path)} gives, up
     * to the float rounding of a different batch; a file that fails fails alone.
     *
     * @param progress advanced by one as each file has been read and its faces found
     * @return one result per file, in order
     */
    public List<FileResult> scan(List<Path> files, ProgressListener progress) {
        List<Scan> scans = new ArrayList<>(files.size());
        List<Pending> queue = new ArrayList<>();
        for (Path f : files) {
            Scan s = collect(f);
            scans.add(s);
            queue.addAll(s.faces);
            while (queue.size() >= batchSize) {
                score(queue);
            }
            progress.advance(1);
        }
        while (!queue.isEmpty()) {
            score(queue);
        }
        return scans.stream().map(Scan::result).toList();
    }

    /** Scans one file. */
    public FileResult scan(Path file) {
        return scan(List.of(file), ProgressListener.NONE).get(0);
    }

    /** One file: its faces, in picture and frame order, and its frames, until it is scored. */
    private final class Scan {
        final Path file;
        final MediaType type;
        final List<Pending> faces = new ArrayList<>();
        /** A video's sampled frames: index and the number of faces before it. */
        final List<int[]> frames = new ArrayList<>();
        final List<Double> times = new ArrayList<>();
        String error;

        Scan(Path file) {
            this.file = file;
            this.type = MediaType.of(file);
        }

        void fail(Exception e) {
            if (error == null) {
                error = describe(file, e);
            }
        }

        FileResult result() {
            return unhashed().withSha256(Sha256.orNull(file));
        }

        private FileResult unhashed() {
            if (error != null) {
                return FileResult.failed(file.toString(), type.label(), error);
            }
            if (type == MediaType.IMAGE) {
                return FileResult.of(file.toString(), "image", faces.stream().map(p -> p.result).toList());
            }
            List<List<Pending>> perFrame = new ArrayList<>();
            List<List<FaceTracker.Sighting>> sightings = new ArrayList<>();
            for (int i = 0; i < frames.size(); i++) {
                int from = frames.get(i)[1];
                int to = i + 1 < frames.size() ? frames.get(i + 1)[1] : faces.size();
                perFrame.add(faces.subList(from, to));
                sightings.add(faces.subList(from, to).stream().map(p -> new FaceTracker.Sighting(p.box, p.appearance)).toList());
            }
            long t0 = System.nanoTime();
            List<int[]> people = FaceTracker.link(sightings);
            trackingNanos.addAndGet(System.nanoTime() - t0);
            List<FrameResult> out = new ArrayList<>();
            for (int i = 0; i < frames.size(); i++) {
                List<FaceResult> linked = new ArrayList<>();
                for (int j = 0; j < perFrame.get(i).size(); j++) {
                    linked.add(perFrame.get(i).get(j).result.asPerson(people.get(i)[j]));
                }
                out.add(FrameResult.of(frames.get(i)[0], times.get(i), linked));
            }
            FileResult video = FileResult.ofVideo(file.toString(), out, verdicts);
            if (sink != null) {
                tellPeople(video, perFrame);
            }
            return video;
        }

        /** Hands each person's most suspicious face to the sink (its crop is still held for it). */
        private void tellPeople(FileResult video, List<List<Pending>> perFrame) {
            for (PersonResult p : video.people()) {
                for (int i = 0; i < video.frames().size(); i++) {
                    if (video.frames().get(i).index() != p.mostSuspicious().frame()) {
                        continue;
                    }
                    Pending face = perFrame.get(i).get(p.mostSuspicious().face());
                    try {
                        sink.person(file, p, face.rgb, model.config().inputSize(),
                                video.frames().get(i).faces().get(p.mostSuspicious().face()));
                    } catch (IOException | RuntimeException e) {
                        fail(e);
                    }
                }
            }
        }
    }

    private Scan collect(Path file) {
        Scan s = new Scan(file);
        try {
            if (s.type == MediaType.VIDEO) {
                collectVideo(s);
            } else {
                try (Mat bgr = OpenCvImages.readBgr(file)) {
                    collect(s, bgr, -1);
                }
            }
        } catch (IOException | RuntimeException e) {
            s.fail(e);
            s.faces.clear();
        }
        return s;
    }

    private void collectVideo(Scan s) throws IOException {
        try (VideoFrames video = VideoFrames.open(s.file, sampling, decoderThreads, limits)) {
            VideoFrame next;
            while ((next = video.next()) != null) {
                try (VideoFrame frame = next) {
                    if (Thread.currentThread().isInterrupted()) {
                        // whoever asked has given up (a timed-out request): free the thread
                        throw new InterruptedIOException(s.file + ": scan interrupted");
                    }
                    s.frames.add(new int[] {frame.index(), s.faces.size()});
                    s.times.add(frame.timestampMicros() / 1e6);
                    collect(s, frame.bgr(), frame.index());
                }
            }
        }
        if (s.frames.isEmpty()) {
            throw new IOException(s.file + ": no frames could be decoded");
        }
    }

    /** A face waiting for its score. */
    private static final class Pending {
        final Scan owner;
        final int frame;
        final int face;
        final int[] box;
        final byte[] rgb;
        final FaceParts parts;
        final FaceQuality quality;
        final float[] appearance;
        final double[] inputToImage;
        float[] input;
        FaceResult result;

        Pending(Scan owner, int frame, int face, int[] box, byte[] rgb, float[] input, FaceParts parts, FaceQuality quality,
                float[] appearance, double[] inputToImage) {
            this.inputToImage = inputToImage;
            this.quality = quality;
            this.appearance = appearance;
            this.owner = owner;
            this.frame = frame;
            this.face = face;
            this.box = box;
            this.rgb = rgb;
            this.input = input;
            this.parts = parts;
        }
    }

    private void collect(Scan s, Mat bgr, int frame) {
        int size = model.config().inputSize();
        List<FaceFinder.Found> found = finder.find(bgr);
        try {
            GrayImage grey = parts != null && parts.readsImage() && !found.isEmpty() ? GrayImage.of(bgr) : null;
            for (int i = 0; i < found.size(); i++) {
                FaceFinder.Found f = found.get(i);
                byte[] rgb = FaceCropPreprocessor.resizedRgb(f.crop(), size);
                int[] box = {f.face().x(), f.face().y(), f.face().width(), f.face().height()};
                FaceParts where = null;
                if (parts != null) {
                    // the parts in the pixels of the model's input; an aligned face's on its upright crop
                    where = f.aligned()
                            ? parts.locate(parts.readsImage() ? GrayImage.of(f.crop()) : null, f.faceInCrop())
                                    .mapped(0, 0, (double) size / f.crop().cols())
                            : parts.locate(grey, finder.faceInside(f))
                                    .mapped(f.cropBox().x(), f.cropBox().y(), (double) size / f.cropBox().size());
                }
                long t0 = System.nanoTime();
                FaceQuality q = quality(f, bgr, box, rgb, size).judgedBy(quality);
                long t1 = System.nanoTime();
                float[] look = frame < 0 ? null : Appearance.of(rgb, size);
                qualityNanos.addAndGet(t1 - t0);
                trackingNanos.addAndGet(System.nanoTime() - t1);
                s.faces.add(new Pending(s, frame, i, box, sink == null ? null : rgb,
                        FaceCropPreprocessor.normalise(rgb, size), where, q, look,
                        f.toCrop().scaled((double) size / f.crop().cols(), (double) size / f.crop().rows()).inverse().coefficients()));
            }
        } finally {
            found.forEach(FaceFinder.Found::close);
        }
    }

    /** A face's quality; blockiness on the picture's own pixels, whose block grid an aligned crop has turned. */
    private static FaceQuality quality(FaceFinder.Found f, Mat bgr, int[] box, byte[] rgb, int size) {
        if (!f.aligned()) {
            return FaceQuality.measure(box, GrayImage.of(f.crop()), f.cropBox().x(), f.cropBox().y(), rgb, size);
        }
        try (Mat cut = FaceCrops.cut(bgr, f.cropBox())) {
            return FaceQuality.measure(box, GrayImage.of(cut), f.cropBox().x(), f.cropBox().y(), rgb, size);
        }
    }

    /** Scores the first faces of the queue (one batch) and removes them from it. */
    private void score(List<Pending> queue) {
        int n = Math.min(batchSize, queue.size());
        List<Pending> faces = new ArrayList<>(queue.subList(0, n));
        queue.subList(0, n).clear();
        if (Thread.currentThread().isInterrupted()) {
            InterruptedIOException stop = new InterruptedIOException("scan interrupted");
            faces.forEach(f -> f.owner.fail(stop));
            return;
        }
        int per = faces.get(0).input.length;
        float[] batch = new float[n * per];
        for (int i = 0; i < n; i++) {
            System.arraycopy(faces.get(i).input, 0, batch, i * per, per);
            faces.get(i).input = null;
        }
        Predictions p;
        try {
            p = model.predict(batch, n);
        } catch (RuntimeException e) {
            faces.forEach(f -> f.owner.fail(e));
            return;
        }
        Calibration calibration = model.calibration();
        for (int i = 0; i < n; i++) {
            Pending f = faces.get(i);
            float raw = p.fakeProbability()[i];
            float[] logits = p.logits()[i];
            float probability = calibration == null ? raw : (float) calibration.probability((double) logits[1] - logits[0]);
            float[][] map = p.patchMap()[i];
            boolean judgeable = f.quality.judgeable();
            f.result = new FaceResult(f.box, probability, raw, judgeable ? verdicts.judge(probability) : Verdict.INCONCLUSIVE,
                    logits, map, f.parts == null ? null : PartAttribution.of(f.parts, model.config().inputSize(), map),
                    f.quality, judgeable ? verdicts.inconclusiveReason(probability) : f.quality.reason(), null, f.inputToImage);
            if (sink != null && f.owner.error == null) {
                try {
                    sink.accept(f.owner.file, f.frame, f.face, f.rgb, model.config().inputSize(), f.result);
                } catch (IOException | RuntimeException e) {
                    f.owner.fail(e);
                }
            }
        }
    }

    private static String describe(Path file, Exception e) {
        if (e instanceof NoSuchFileException) {
            return file + ": no such file";
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
