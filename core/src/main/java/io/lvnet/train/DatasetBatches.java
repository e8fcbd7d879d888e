package io.lvnet.train;

import io.lvnet.data.BatchSource;

import io.lvnet.data.HostBatch;

import io.lvnet.augment.Augmentation;
import io.lvnet.augment.AugmentationRecipe;
import io.lvnet.augment.AugmentedSample;
import io.lvnet.augment.Sample;
import io.lvnet.augment.Samples;
import io.lvnet.data.CropBox;
import io.lvnet.data.FaceCrops;
import io.lvnet.data.FrameDataset;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Raster;
import io.lvnet.data.ReferenceRegion;
import io.lvnet.blend.SelfBlender;
import io.lvnet.perturb.Perturbation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Batches from a dataset of face frames (any {@link FrameDataset} layout): decode and augmentation run on worker threads, a bounded
 * number of batches ahead, so memory stays bounded. Every random draw of a sample comes from
 * (seed, epoch, position), so an epoch yields the same batches whatever the thread timing, and a
 * resumed run sees the data it would have seen.
 */
public final class DatasetBatches implements BatchSource, AutoCloseable {
    /** The mask name the augmentations carry along with the image. */
    static final String MASK = "mask";
    private static final String IMAGE = "image";
    /** The reference's training crop: 1.3 times the face box, moved inside the frame. */
    private static final FaceCrops FACE_CROPS = new FaceCrops();
    /** Salts that keep the blend draws apart from the augmentation's, which share (seed, epoch, position). */
    private static final long BLEND_PLAN = 0x5BD1E995L;
    private static final long BLEND = 0x27D4EB2F165667C5L;
    /** The reference region used by SSPSL. */
    static final String REGION = "region";

    private final FrameDataset dataset;
    private final List<FrameRecord> frames;
    private final AugmentationRecipe recipe;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final boolean withRegions;
    private final ReferenceRegion region;
    private final int prefetch;
    private final ExecutorService workers;
    private final OnlineSelfBlend selfBlend;
    private final Perturbation perturbation;

    /**
     * @param dataset where the frames are
     * @param frames the frames to draw from (see {@code SplitSampler})
     * @param size the model's input size
     * @param augment the training recipe, or only a resize (evaluation)
     * @param batchSize faces per batch
     * @param seed the run's seed
     * @param shuffle whether each epoch draws a new order
     * @param withRegions whether batches carry the mouth region (semi-supervised training)
     * @param workers decoding and augmentation threads
     */
    public DatasetBatches(FrameDataset dataset, List<FrameRecord> frames, int size, boolean augment, int batchSize,
            long seed, boolean shuffle, boolean withRegions, int workers) {
        this(dataset, frames, size, augment ? Augmentation.REFERENCE : Augmentation.NONE, batchSize, seed, shuffle,
                withRegions ? ReferenceRegion.MOUTH : null, workers);
    }

    /**
     * As above, with the augmentation named and the reference region that batches carry (null
     * for none).
     */
    public DatasetBatches(FrameDataset dataset, List<FrameRecord> frames, int size, Augmentation augmentation,
            int batchSize, long seed, boolean shuffle, ReferenceRegion region, int workers) {
        this(dataset, frames, size, augmentation, batchSize, seed, shuffle, region, workers, null, null);
    }

    /**
     * As above, with self-blends made of a share of each batch's real faces (null: none). When
     * the batches are not shuffled (validation), every epoch gets the same blends.
     */
    public DatasetBatches(FrameDataset dataset, List<FrameRecord> frames, int size, Augmentation augmentation,
            int batchSize, long seed, boolean shuffle, ReferenceRegion region, int workers, OnlineSelfBlend selfBlend) {
        this(dataset, frames, size, augmentation, batchSize, seed, shuffle, region, workers, selfBlend, null);
    }

    /**
     * As above, with every frame perturbed before its face is cut (robustness evaluation).
     *
     * @param perturbation what is done to each whole frame (null for nothing); its random
     *     draws come from the run's seed and the frame's image path, so a frame is perturbed
     *     alike in every run, whatever else is evaluated with it
     */
    public DatasetBatches(FrameDataset dataset, List<FrameRecord> frames, int size, Augmentation augmentation,
            int batchSize, long seed, boolean shuffle, ReferenceRegion region, int workers, Perturbation perturbation) {
        this(dataset, frames, size, augmentation, batchSize, seed, shuffle, region, workers, null, perturbation);
    }

    private DatasetBatches(FrameDataset dataset, List<FrameRecord> frames, int size, Augmentation augmentation,
            int batchSize, long seed, boolean shuffle, ReferenceRegion region, int workers, OnlineSelfBlend selfBlend,
            Perturbation perturbation) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to draw batches from");
        }
        if (batchSize > frames.size()) {
            throw new IllegalArgumentException("batch size " + batchSize + " is larger than the " + frames.size() + " frames");
        }
        this.dataset = dataset;
        this.frames = List.copyOf(frames);
        // the recipe crops to its output size: bring other sizes to the model's first
        this.recipe = augmentation.recipe(size);
        this.batchSize = batchSize;
        this.seed = seed;
        this.shuffle = shuffle;
        this.region = region;
        this.withRegions = region != null;
        this.selfBlend = selfBlend == null || selfBlend.share() == 0 ? null : selfBlend;
        this.perturbation = perturbation;
        this.prefetch = Math.max(2, workers * 2);
        this.workers = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread t = new Thread(r, "lvnet-loader");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public int batchesPerEpoch() {
        return (frames.size() + batchSize - 1) / batchSize;
    }

    @Override
    public long facesPerEpoch() {
        return frames.size();
    }

    /** The frames in epoch {@code epoch}'s order. */
    List<FrameRecord> order(int epoch) {
        List<FrameRecord> order = new ArrayList<>(frames);
        if (shuffle) {
            Collections.shuffle(order, new Random(mix(seed, epoch, -1)));
        }
        return order;
    }

    @Override
    public Iterator<HostBatch> epoch(int epoch) {
        List<FrameRecord> order = order(epoch);
        return new Iterator<>() {
            private final Deque<Future<HostBatch>> ahead = new ArrayDeque<>();
            private int next;

            private void fill() {
                while (ahead.size() < prefetch && next < order.size()) {
                    int from = next;
                    int to = Math.min(order.size(), from + batchSize);
                    ahead.add(workers.submit(() -> batch(order, from, to, epoch)));
                    next = to;
                }
            }

            @Override
            public boolean hasNext() {
                fill();
                return !ahead.isEmpty();
            }

            @Override
            public HostBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    return ahead.poll().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while loading a batch", e);
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    throw c instanceof RuntimeException r ? r : new IllegalStateException(c.getMessage(), c);
                }
            }
        };
    }

    private HostBatch batch(List<FrameRecord> order, int from, int to, int epoch) {
        int n = to - from;
        int size = recipe.outputSize();
        int plane = size * size;
        float[] images = new float[n * 3 * plane];
        float[] masks = new float[n * plane];
        float[] regions = withRegions ? new float[n * plane] : null;
        long[] labels = new long[n];
        List<HostBatch.FaceInfo> info = new ArrayList<>(n);
        // validation blends the same faces alike in every epoch
        long blendEpoch = shuffle ? epoch : 0;
        int[] plan = selfBlend == null ? null : selfBlend.plan(order.subList(from, to), mix(seed, blendEpoch, from) ^ BLEND_PLAN);
        for (int i = 0; i < n; i++) {
            boolean blended = plan != null && plan[i] >= 0;
            FrameRecord f = order.get(from + (blended ? plan[i] : i));
            Long blendSeed = blended ? mix(seed, blendEpoch, from + i) ^ BLEND : null;
            FrameRecord other = blended ? selfBlend.otherFace(order.subList(from, to), f, blendSeed) : null;
            Sample loaded = load(f, blendSeed, other);
            AugmentedSample s = recipe.augment(loaded, mix(seed, epoch, from + i));
            System.arraycopy(s.image(), 0, images, i * 3 * plane, 3 * plane);
            System.arraycopy(s.maskAsFloats(MASK), 0, masks, i * plane, plane);
            if (withRegions) {
                System.arraycopy(s.maskAsFloats(REGION), 0, regions, i * plane, plane);
            }
            labels[i] = blended ? 1 : f.label();
            info.add(new HostBatch.FaceInfo(f.video(), f.frame(), blended ? OnlineSelfBlend.METHOD : f.method(),
                    f.compression().id(), blended || f.maskKnown()));
        }
        return new HostBatch(n, size, images, labels, masks, regions, info);
    }

    /**
     * Decodes a frame with its masks, cut to the face as the reference's training crops are:
     * a square 1.3 times the face box (FaceForensics++'s crop). Whole frames (lvnet synth) thus
     * become face crops; frames that are crops already (lvnet prepare) stay nearly whole.
     */
    private Sample load(FrameRecord f, Long blendSeed, FrameRecord other) {
        Map<String, Mat> planes = new LinkedHashMap<>();
        OnlineSelfBlend.Face otherFace = null;
        try {
            Mat image = perturbed(dataset.readImage(f), f);
            planes.put(IMAGE, image);
            if (blendSeed == null) {
                planes.put(MASK, f.maskKnown() ? dataset.readMask(f, image) : new Mat(image.rows(), image.cols(),
                        org.bytedeco.opencv.global.opencv_core.CV_8UC1, new org.bytedeco.opencv.opencv_core.Scalar(0.0)));
            }
            if (withRegions) {
                planes.put(REGION, region.read(dataset, f));
            }
            CropBox box = f.box() == null ? null : FACE_CROPS.box(f.box(), image.cols(), image.rows());
            if (box != null) {
                for (Map.Entry<String, Mat> e : planes.entrySet()) {
                    try (Mat whole = e.getValue()) {
                        e.setValue(FaceCrops.cut(whole, box));
                    }
                }
            }
            if (blendSeed != null) {
                // blended on the face crop, before the augmentations, which move the mask with it
                otherFace = other == null ? null : face(other);
                SelfBlender.Result blend = selfBlend.blend(dataset, f, planes.get(IMAGE), box, blendSeed, otherFace);
                planes.get(IMAGE).close();
                planes.put(IMAGE, blend.image().toMat());
                planes.put(MASK, blend.mask().toMat());
            }
            try (Mat face = planes.remove(IMAGE)) {
                return Samples.fromBgr(face, planes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            planes.values().forEach(Mat::close);
            if (otherFace != null) {
                otherFace.crop().close();
            }
        }
    }

    /** Another real frame's face crop, as {@link #load} cuts it, for a blend's copy. */
    private OnlineSelfBlend.Face face(FrameRecord f) throws IOException {
        try (Mat image = perturbed(dataset.readImage(f), f)) {
            CropBox box = f.box() == null ? null : FACE_CROPS.box(f.box(), image.cols(), image.rows());
            return new OnlineSelfBlend.Face(f, box == null ? image.clone() : FaceCrops.cut(image, box), box);
        }
    }

    /** The frame as read, or perturbed (the read one closed); masks are not perturbed. */
    private Mat perturbed(Mat image, FrameRecord f) {
        if (perturbation == null) {
            return image;
        }
        try (image) {
            return perturbation.apply(Raster.of(image), mix(seed, 0, f.image().hashCode())).toMat();
        }
    }

    /** A 64-bit mix of the run's seed, the epoch and a position (SplitMix64's finaliser). */
    static long mix(long seed, long epoch, long position) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + position * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
