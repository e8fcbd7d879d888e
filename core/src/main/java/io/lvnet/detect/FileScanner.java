package io.lvnet.detect;

import io.lvnet.data.FaceCropPreprocessor;
import io.lvnet.data.FrameSampling;
import io.lvnet.data.OpenCvImages;
import io.lvnet.data.VideoFrames;
import io.lvnet.model.LvNetModel;
import io.lvnet.model.Predictions;
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
 * between frames and batches; its file is then reported as failed.
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
    }

    private final LvNetModel model;
    private final FaceFinder finder;
    private final FrameSampling sampling;
    private final int batchSize;
    private final FaceSink sink;

    /**
     * @param model the detector's weights
     * @param finder how faces are found and cropped
     * @param sampling which frames of a video are scanned
     * @param batchSize faces per forward pass
     * @param sink told about every scored face, or null
     */
    public FileScanner(LvNetModel model, FaceFinder finder, FrameSampling sampling, int batchSize, FaceSink sink) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.model = model;
        this.finder = finder;
        this.sampling = sampling;
        this.batchSize = batchSize;
        this.sink = sink;
    }

    /** Scans every file in order. */
    public List<FileResult> scan(List<Path> files, ProgressListener progress) {
        List<FileResult> out = new ArrayList<>(files.size());
        for (Path f : files) {
            out.add(scan(f));
            progress.advance(1);
        }
        return out;
    }

    /** Scans one file. */
    public FileResult scan(Path file) {
        MediaType type = MediaType.of(file);
        try {
            return type == MediaType.VIDEO ? scanVideo(file) : scanImage(file);
        } catch (IOException | RuntimeException e) {
            return FileResult.failed(file.toString(), type.label(), describe(file, e));
        }
    }

    private FileResult scanImage(Path file) throws IOException {
        List<Pending> faces = new ArrayList<>();
        try (Mat bgr = OpenCvImages.readBgr(file)) {
            collect(bgr, -1, faces);
        }
        score(file, faces);
        return FileResult.of(file.toString(), "image", faces.stream().map(p -> p.result).toList());
    }

    private FileResult scanVideo(Path file) throws IOException {
        List<Pending> faces = new ArrayList<>();
        List<int[]> frames = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        VideoFrames.forEach(file, sampling, frame -> {
            frames.add(new int[] {frame.index(), faces.size()});
            times.add(frame.timestampMicros() / 1e6);
            collect(frame.bgr(), frame.index(), faces);
        });
        if (frames.isEmpty()) {
            throw new IOException(file + ": no frames could be decoded");
        }
        score(file, faces);
        List<FrameResult> out = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            int from = frames.get(i)[1];
            int to = i + 1 < frames.size() ? frames.get(i + 1)[1] : faces.size();
            out.add(FrameResult.of(frames.get(i)[0], times.get(i), faces.subList(from, to).stream().map(p -> p.result).toList()));
        }
        return FileResult.ofVideo(file.toString(), out);
    }

    /** A face waiting for its score. */
    private static final class Pending {
        final int frame;
        final int face;
        final int[] box;
        final byte[] rgb;
        final float[] input;
        FaceResult result;

        Pending(int frame, int face, int[] box, byte[] rgb, float[] input) {
            this.frame = frame;
            this.face = face;
            this.box = box;
            this.rgb = rgb;
            this.input = input;
        }
    }

    private void collect(Mat bgr, int frame, List<Pending> out) {
        int size = model.config().inputSize();
        List<FaceFinder.Found> found = finder.find(bgr);
        try {
            for (int i = 0; i < found.size(); i++) {
                FaceFinder.Found f = found.get(i);
                byte[] rgb = FaceCropPreprocessor.resizedRgb(f.crop(), size);
                int[] box = {f.face().x(), f.face().y(), f.face().width(), f.face().height()};
                out.add(new Pending(frame, i, box, sink == null ? null : rgb, FaceCropPreprocessor.normalise(rgb, size)));
            }
        } finally {
            found.forEach(FaceFinder.Found::close);
        }
    }

    private void score(Path file, List<Pending> faces) throws IOException {
        int per = faces.isEmpty() ? 0 : faces.get(0).input.length;
        for (int start = 0; start < faces.size(); start += batchSize) {
            if (Thread.currentThread().isInterrupted()) {
                // whoever asked has given up (a timed-out request): free the thread
                throw new InterruptedIOException(file + ": scan interrupted");
            }
            int n = Math.min(batchSize, faces.size() - start);
            float[] batch = new float[n * per];
            for (int i = 0; i < n; i++) {
                System.arraycopy(faces.get(start + i).input, 0, batch, i * per, per);
            }
            Predictions p = model.predict(batch, n);
            for (int i = 0; i < n; i++) {
                Pending f = faces.get(start + i);
                f.result = new FaceResult(f.box, p.fakeProbability()[i], p.logits()[i], p.patchMap()[i]);
                if (sink != null) {
                    sink.accept(file, f.frame, f.face, f.rgb, model.config().inputSize(), f.result);
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
