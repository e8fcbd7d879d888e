package io.lvnet.detect;

import io.lvnet.progress.ProgressListener;

import io.lvnet.data.CanonicalDataset;
import io.lvnet.data.FaceBox;
import io.lvnet.data.FaceDetector;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.OpenCvImages;
import io.lvnet.data.Split;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Measures a face detector ({@code lvnet bench --faces}): on the real frames of a data set
 * with known face boxes (the synthetic benchmark's index holds the true box of every frame),
 * or on pictures without known boxes, where it counts the boxes per picture.
 *
 * <p>Only the detector is timed, not the decoding of the images; the first picture is
 * detected once untimed beforehand, so that the network's or cascade's set-up is not counted.
 */
public final class FaceDetectorBenchmark {
    private FaceDetectorBenchmark() {
    }

    /**
     * A data set's real frames (method {@code original}) of one split that have a true face box.
     *
     * @param limit at most this many frames (spread evenly over the split), or 0 for all
     * @throws IllegalArgumentException if the split has none
     */
    public static List<FrameRecord> realFrames(CanonicalDataset data, Split split, int limit) {
        List<FrameRecord> frames = data.frames(split).stream().filter(f -> !f.fake() && f.box() != null).toList();
        if (frames.isEmpty()) {
            throw new IllegalArgumentException(data.dir() + ": no real frames with a face box in the " + split.id() + " split");
        }
        return spread(frames, limit);
    }

    /**
     * The detector on frames of a data set, each with its one true face box.
     *
     * @param frames frames with a face box, e.g. {@link #realFrames}
     * @param progress advanced once per frame
     * @throws IOException if a frame cannot be read
     */
    public static FaceDetectionScore.Summary onFrames(FaceDetector detector, CanonicalDataset data,
            List<FrameRecord> frames, ProgressListener progress) throws IOException {
        FaceDetectionScore score = new FaceDetectionScore();
        boolean warm = false;
        for (FrameRecord f : frames) {
            try (Mat image = data.readImage(f)) {
                if (!warm) {
                    detector.detect(image);
                    warm = true;
                }
                long start = System.nanoTime();
                List<FaceBox> boxes = detector.detect(image);
                score.add(List.of(f.box()), boxes, System.nanoTime() - start);
            }
            progress.advance(1);
        }
        return score.summary();
    }

    /**
     * The boxes a detector finds in pictures.
     *
     * @throws IOException if a picture cannot be read
     */
    public static List<PictureResult> onImages(FaceDetector detector, List<Path> files, ProgressListener progress)
            throws IOException {
        List<PictureResult> out = new ArrayList<>();
        boolean warm = false;
        for (Path file : files) {
            try (Mat image = OpenCvImages.readBgr(file)) {
                if (!warm) {
                    detector.detect(image);
                    warm = true;
                }
                long start = System.nanoTime();
                List<FaceBox> boxes = detector.detect(image);
                out.add(new PictureResult(file, boxes, System.nanoTime() - start));
            }
            progress.advance(1);
        }
        return out;
    }

    /**
     * The boxes found in one picture.
     *
     * @param nanos detection time
     */
    public record PictureResult(Path file, List<FaceBox> boxes, long nanos) {
    }

    /** At most {@code limit} of the frames, evenly spaced, in order; all of them for a limit of 0. */
    static <T> List<T> spread(List<T> all, int limit) {
        if (limit <= 0 || limit >= all.size()) {
            return all;
        }
        List<T> some = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) {
            some.add(all.get((int) ((long) i * all.size() / limit)));
        }
        return some;
    }
}
