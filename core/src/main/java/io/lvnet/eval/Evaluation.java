package io.lvnet.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.lvnet.loss.PatchLabels;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetOutput;
import io.lvnet.data.BatchSource;
import io.lvnet.data.HostBatch;
import io.lvnet.progress.ProgressListener;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Scores every face of a batch source in eval mode and keeps what the metrics need: each
 * face's fake probability and logit margin (fake logit minus real logit, which calibration
 * works on), label, video and method, and the patch maps against pooled masks.
 */
public final class Evaluation {
    private final List<VideoScores.Face> faces = new ArrayList<>();
    private final List<HostBatch.FaceInfo> info = new ArrayList<>();
    private final List<Double> margins = new ArrayList<>();
    private final List<Double> patchScores = new ArrayList<>();
    private final List<Integer> patchLabels = new ArrayList<>();

    private Evaluation() {
    }

    /** A network's eval-mode forward pass over a batch of images, its arrays in {@code scope}. */
    @FunctionalInterface
    public interface Forward {
        /** The outputs for {@code images} (n x 3 x S x S). */
        LvNetOutput apply(NDManager scope, NDArray images);
    }

    /** Runs {@code net} over one pass of {@code source} (epoch 0), in float32. */
    public static Evaluation run(LvNet net, NDManager manager, BatchSource source, ProgressListener progress) {
        return run((scope, x) -> net.forward(new ParameterStore(scope, false), x, false), net.config().patchGrid(),
                manager, source, progress);
    }

    /**
     * Runs {@code forward} over one pass of {@code source} (epoch 0): an inference model's pass,
     * in whatever precision it computes.
     *
     * @param grid the side of the network's patch map
     */
    public static Evaluation run(Forward forward, int grid, NDManager manager, BatchSource source, ProgressListener progress) {
        Evaluation e = new Evaluation();
        Iterator<HostBatch> it = source.epoch(0);
        while (it.hasNext()) {
            HostBatch b = it.next();
            try (NDManager scope = manager.newSubManager()) {
                LvNetOutput out = forward.apply(scope, b.images(scope));
                float[] prob = out.fakeProbability().toFloatArray();
                float[] logits = out.logits().toFloatArray();
                float[] patches = out.patchMap().toFloatArray();
                float[] truth = PatchLabels.fromMasks(b.masks(scope), grid).toFloatArray();
                for (int i = 0; i < b.count(); i++) {
                    HostBatch.FaceInfo f = b.faces().get(i);
                    // one video per method and compression level: fakes of several methods (and the
                    // levels of one clip) share a name in FF++-style data, and are distinct videos
                    e.faces.add(new VideoScores.Face(f.method() + "/" + f.compression() + "/" + f.video(), f.frame(),
                            prob[i], (int) b.labels()[i]));
                    e.info.add(f);
                    e.margins.add((double) logits[2 * i + 1] - logits[2 * i]);
                }
                for (int p = 0; p < patches.length; p++) {
                    e.patchScores.add((double) patches[p]);
                    e.patchLabels.add(truth[p] > 0 ? 1 : 0);
                }
            }
            progress.advance(b.count());
        }
        return e;
    }

    /** Frame-level metrics over every face. */
    public BinaryMetrics frames() {
        double[] s = new double[faces.size()];
        int[] y = new int[faces.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = faces.get(i).score();
            y[i] = faces.get(i).label();
        }
        return new BinaryMetrics(s, y);
    }

    /** Each face's logit margin (fake minus real), in the order of {@link #faces()}. */
    public double[] margins() {
        return margins.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Each face's label (1 = fake), in the order of {@link #faces()}. */
    public int[] labels() {
        return faces.stream().mapToInt(VideoScores.Face::label).toArray();
    }

    /** Patch-level AUC of the patch map against the pooled masks. */
    public BinaryMetrics patches() {
        return new BinaryMetrics(patchScores.stream().mapToDouble(Double::doubleValue).toArray(),
                patchLabels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Every patch's forged probability, face after face (row-major within a face's map). */
    public double[] patchScores() {
        return patchScores.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Intersection over union of {@code patch map >= 0.5} with the pooled masks, over all faces. */
    public double patchIou() {
        long inter = 0;
        long union = 0;
        for (int i = 0; i < patchScores.size(); i++) {
            boolean p = patchScores.get(i) >= 0.5;
            boolean t = patchLabels.get(i) == 1;
            inter += p && t ? 1 : 0;
            union += p || t ? 1 : 0;
        }
        return union == 0 ? 1.0 : (double) inter / union;
    }

    /** The scored faces (for video-level metrics and per-method breakdowns). */
    public List<VideoScores.Face> faces() {
        return List.copyOf(faces);
    }

    /** Where each face came from, in the order of {@link #faces()}. */
    public List<HostBatch.FaceInfo> info() {
        return List.copyOf(info);
    }
}
