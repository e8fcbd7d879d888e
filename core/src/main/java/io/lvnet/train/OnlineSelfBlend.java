package io.lvnet.train;

import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;

import io.lvnet.data.CropBox;
import io.lvnet.data.FaceBox;
import io.lvnet.data.FaceCrops;
import io.lvnet.data.FrameDataset;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Raster;
import io.lvnet.landmarks.GrayImage;
import io.lvnet.landmarks.ShapePredictor;
import io.lvnet.blend.FaceAlignment;
import io.lvnet.blend.Rng;
import io.lvnet.blend.SelfBlendRegions;
import io.lvnet.blend.SelfBlendSettings;
import io.lvnet.blend.SelfBlender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Self-blending in the training loader: which faces of a batch become self-blends, and the
 * blends themselves, made on the loader threads from the face crops the batch reads. Every
 * draw comes from (seed, epoch, position) in the epoch's order, so that an epoch's batches are
 * the same whatever the threads do, and a resumed run sees what the uninterrupted one saw.
 */
public final class OnlineSelfBlend {
    /** Blends' method name, as the offline generator's fakes. */
    public static final String METHOD = io.lvnet.blend.SelfBlendGenerator.METHOD;

    private final SelfBlendSettings settings;
    private final double share;
    private final SelfBlender blender;
    private final ShapePredictor landmarks;

    /**
     * @param settings how blends are made
     * @param share the share of each batch's faces to blend (training's or validation's)
     * @param landmarks places the regions from 68 points when not null; else the data set's part
     *     regions where it has them, else the face box's shares
     */
    public OnlineSelfBlend(SelfBlendSettings settings, double share, ShapePredictor landmarks) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("share must be between 0 and 1, got " + share);
        }
        this.settings = settings;
        this.share = share;
        this.blender = new SelfBlender(settings);
        this.landmarks = landmarks;
    }

    /** The share of each batch that is blended. */
    public double share() {
        return share;
    }

    /**
     * The share of each batch that can really be blended when {@code realShare} of its faces are
     * real ({@link #plan}): blends take the fake faces' places first, each made of a real face
     * that stays in the batch; beyond those, real faces become blends, and paired ones keep their
     * real face in the batch, so at most half the real faces are blended in place. Without real
     * faces nothing can be blended.
     */
    public double expectedShare(double realShare) {
        if (realShare <= 0) {
            return 0;
        }
        return Math.min(share, (1 - realShare) + (settings.paired() ? realShare / 2 : realShare));
    }

    /**
     * One line for the training log: the share of each batch that becomes self-blends, in whose
     * places, and why it is less than the configuration asked where it is.
     */
    public String describeShare(double realShare) {
        double expected = expectedShare(realShare);
        String places = realShare < 1 && share > 0
                ? String.format(java.util.Locale.ROOT, ", in place of fake faces first (%.0f %% of the batch stays real fakes)",
                        100 * Math.max(0, (1 - realShare) - expected))
                : "";
        if (expected >= share - 1e-9) {
            return String.format(java.util.Locale.ROOT, "self-blends: %.0f %% of each batch%s", 100 * share, places);
        }
        return String.format(java.util.Locale.ROOT, "self-blends: about %.0f %% of each batch, not the %.0f %% asked "
                + "(datasets.self_blend.share): blends are made of real faces%s, and %.0f %% of the training faces are real",
                100 * expected, 100 * share, settings.paired() ? " and, paired, keep their real face in the batch" : "",
                100 * realShare);
    }

    /**
     * Which frame each position of a batch shows as a self-blend: -1 where the position keeps its
     * own frame as it is, else the position (in this batch) whose frame is blended there. Blends
     * are made of real frames only, and take fake frames' places first, so that a batch balanced
     * between real and fake stays balanced and keeps every real face; only a share beyond the
     * fakes blends real frames in place (paired: the blended frame also stays in the batch as a
     * real, so at most half of them). A batch of real frames only is planned as it always was.
     *
     * @param batch the batch's frames
     * @param seed the batch's seed
     */
    int[] plan(List<FrameRecord> batch, long seed) {
        int n = batch.size();
        int[] plan = new int[n];
        Arrays.fill(plan, -1);
        int[] reals = new int[n];
        int[] fakes = new int[n];
        int r = 0;
        int f = 0;
        for (int i = 0; i < n; i++) {
            if (batch.get(i).fake()) {
                fakes[f++] = i;
            } else {
                reals[r++] = i;
            }
        }
        if (r == 0) {
            return plan;
        }
        shuffle(reals, r, Rng.derive(seed, "selfblend-plan", 0));
        int want = (int) Math.round(share * n);
        int inFakes = Math.min(want, f);
        int inReals = Math.min(want - inFakes, settings.paired() ? r / 2 : r);
        for (int j = 0; j < inReals; j++) {
            plan[reals[j]] = settings.paired() ? reals[inReals + j] : reals[j];
        }
        if (inFakes > 0) {
            shuffle(fakes, f, Rng.derive(seed, "selfblend-plan", 1));
            // sources among the real frames that stay real, when there are any
            int from = inReals < r ? inReals : 0;
            for (int j = 0; j < inFakes; j++) {
                plan[fakes[j]] = reals[from + j % (r - from)];
            }
        }
        return plan;
    }

    private static void shuffle(int[] a, int count, Rng rng) {
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * A self-blend of a face crop.
     *
     * @param dataset where the frame's part regions are read, if it has them
     * @param frame the frame the crop shows
     * @param crop the face crop (BGR); not closed
     * @param cropBox where the crop was cut from the frame, or null when the frame is the crop
     * @param seed the blend's seed
     */
    SelfBlender.Result blend(FrameDataset dataset, FrameRecord frame, Mat crop, CropBox cropBox, long seed) {
        return blend(dataset, frame, crop, cropBox, seed, null);
    }

    /**
     * A blend of a face crop with a changed copy of itself, or of another face aligned to it.
     *
     * @param other the other face, or null for a self-blend
     */
    SelfBlender.Result blend(FrameDataset dataset, FrameRecord frame, Mat crop, CropBox cropBox, long seed, Face other) {
        Raster face = Raster.of(crop);
        FaceBox box = box(frame, cropBox, face);
        int[][] points = landmarks == null ? null : landmarks.predict(GrayImage.of(face), box).points();
        SelfBlendRegions regions = new SelfBlendRegions(box, points,
                dataset.regionsKnown(frame) ? region -> partBox(dataset, frame, region.id(), cropBox) : null);
        Raster copyOf = face;
        if (other != null) {
            Raster image = Raster.of(other.crop());
            FaceBox otherBox = box(other.frame(), other.cropBox(), image);
            int[][] otherPoints = landmarks == null ? null : landmarks.predict(GrayImage.of(image), otherBox).points();
            copyOf = FaceAlignment.onto(image, otherBox, otherPoints, box, points, face.width(), face.height());
        }
        return blender.blend(face, copyOf, regions, Rng.derive(seed, "selfblend", 0));
    }

    /**
     * Another face a blend's copy is made of, or null for the face itself: with the probability
     * {@code other_face}, a real face of the batch from another video, drawn from the blend's seed
     * (its own stream, so that settings without {@code other_face} blend as they always did).
     *
     * @param batch the batch's frames
     * @param frame the frame blended
     * @param seed the blend's seed
     */
    FrameRecord otherFace(List<FrameRecord> batch, FrameRecord frame, long seed) {
        if (settings.otherFace() == 0) {
            return null;
        }
        Rng rng = Rng.derive(seed, "selfblend-other", 0);
        if (!rng.chance(settings.otherFace())) {
            return null;
        }
        List<FrameRecord> others = batch.stream().filter(f -> !f.fake() && !f.video().equals(frame.video())).toList();
        return others.isEmpty() ? null : others.get(rng.nextInt(others.size()));
    }

    /** A face crop, its frame and where it was cut from the frame (null when the frame is the crop). */
    record Face(FrameRecord frame, Mat crop, CropBox cropBox) {
    }

    /** The face box in the crop, or the crop's central face where the frame has none. */
    private static FaceBox box(FrameRecord frame, CropBox cropBox, Raster face) {
        return frame.box() == null || cropBox == null ? SelfBlendRegions.centralFace(face.width(), face.height())
                : new FaceBox(frame.box().x() - cropBox.x(), frame.box().y() - cropBox.y(), frame.box().width(),
                        frame.box().height());
    }

    /** The bounding box {x0, y0, x1, y1} of a part region in the crop, or null where it is empty. */
    private static int[] partBox(FrameDataset dataset, FrameRecord frame, String part, CropBox cropBox) {
        try (PointerScope scope = new PointerScope()) {
            Mat region = dataset.readRegion(frame, part);
            Mat cut = cropBox == null ? region : FaceCrops.cut(region, cropBox);
            Rect r = boundingRect(cut);
            return r.width() == 0 || r.height() == 0 ? null : new int[] {r.x(), r.y(), r.x() + r.width(), r.y() + r.height()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
