package io.lvnet.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * lvnet's default face detector: BlazeFace's full-range model finds the faces, of any size
 * down to about 5 % of the picture's longer side, and the short-range model then boxes each
 * one on a square cut {@value #CONTEXT} times the face around it, where the face is as large
 * as the short-range model sees faces best. The short-range model gives the tighter, better
 * placed boxes (mean IoU 0.91 with the synthetic benchmark's true boxes, against 0.88 for the
 * full-range model's), but alone it misses every face under about a tenth of the picture.
 *
 * <p>A face that the short-range model does not confirm in its cut (no box with IoU
 * {@value #MATCH_IOU} or more with the full-range box) keeps the full-range box. Scores are
 * the full-range model's.
 *
 * <p>Thread safety: detection is synchronised (the two networks are not thread-safe); create
 * one detector per thread to detect in parallel.
 */
public final class TwoStageBlazeFace implements FaceDetector {
    /** Side of the cut over the face box's longer side: the face then spans 40 % of the cut. */
    static final double CONTEXT = 2.5;
    /** IoU from which a short-range box is the same face as the full-range one. */
    static final double MATCH_IOU = 0.3;

    private final BlazeFaceDetector finder;
    private final BlazeFaceDetector boxer;

    private TwoStageBlazeFace(BlazeFaceDetector finder, BlazeFaceDetector boxer) {
        this.finder = finder;
        this.boxer = boxer;
    }

    /**
     * Both bundled models.
     *
     * @throws IOException if a model is not on the class path or OpenCV cannot read it
     */
    public static TwoStageBlazeFace bundled() throws IOException {
        BlazeFaceDetector full = BlazeFaceDetector.fullRange();
        try {
            return new TwoStageBlazeFace(full, BlazeFaceDetector.shortRange());
        } catch (IOException | RuntimeException e) {
            full.close();
            throw e;
        }
    }

    @Override
    public List<FaceBox> detect(Mat bgr) {
        return detectWithKeypoints(bgr).stream().map(BlazeFaceDetector.Detection::box).toList();
    }

    /**
     * Detects the faces of an image with their keypoints (the short-range model's where it
     * boxed the face).
     *
     * @param bgr as for {@link #detect}
     * @return the faces, best first, one per face
     */
    public synchronized List<BlazeFaceDetector.Detection> detectWithKeypoints(Mat bgr) {
        List<BlazeFaceDetector.Detection> out = new ArrayList<>();
        for (BlazeFaceDetector.Detection found : finder.detectWithKeypoints(bgr)) {
            BlazeFaceDetector.Detection boxed = boxed(bgr, found);
            out.add(boxed != null ? boxed : found);
        }
        return OverlapSuppression.DEFAULT.apply(out, BlazeFaceDetector.Detection::box,
                BlazeFaceDetector.Detection::withScore);
    }

    /** The short-range model's detection of a found face, in picture pixels, or null where it sees none. */
    private BlazeFaceDetector.Detection boxed(Mat bgr, BlazeFaceDetector.Detection found) {
        FaceBox f = found.box();
        int side = (int) Math.round(Math.max(f.width(), f.height()) * CONTEXT);
        int x0 = Math.max(0, f.x() + f.width() / 2 - side / 2);
        int y0 = Math.max(0, f.y() + f.height() / 2 - side / 2);
        int x1 = Math.min(bgr.cols(), x0 + side);
        int y1 = Math.min(bgr.rows(), y0 + side);
        BlazeFaceDetector.Detection best = null;
        double bestIou = MATCH_IOU;
        try (Rect r = new Rect(x0, y0, x1 - x0, y1 - y0); Mat cut = bgr.apply(r)) {
            FaceBox inCut = new FaceBox(f.x() - x0, f.y() - y0, f.width(), f.height());
            for (BlazeFaceDetector.Detection d : boxer.detectWithKeypoints(cut)) {
                double iou = d.box().iou(inCut);
                if (iou >= bestIou) {
                    best = d;
                    bestIou = iou;
                }
            }
        }
        if (best == null) {
            return null;
        }
        BlazeFaceDetector.Detection moved = best.shifted(x0, y0, bgr.cols(), bgr.rows());
        return moved == null ? null : moved.withScore(f.score());
    }

    @Override
    public synchronized void close() {
        finder.close();
        boxer.close();
    }
}
