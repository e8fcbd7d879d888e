package io.lvnet.cli;

import ai.djl.ndarray.NDManager;
import io.lvnet.augment.Augmentation;
import io.lvnet.data.FrameDataset;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Split;
import io.lvnet.data.SplitSampler;
import io.lvnet.detect.LvNetModel;
import io.lvnet.eval.Evaluation;
import io.lvnet.perturb.Perturbation;
import io.lvnet.train.DatasetBatches;
import java.io.IOException;
import java.util.Set;

/** Scores every face of a split with a model, with a progress bar: what {@code eval} and {@code bench --faces} share. */
final class SplitScoring {
    private SplitScoring() {
    }

    /**
     * @param methods only these methods' fakes (real faces always), or null for all
     * @param perturbation applied to each frame first, or null for none
     * @param seed the perturbation's random draws
     * @throws IllegalArgumentException when the split has no frames
     */
    static Evaluation score(LvNetModel model, FrameDataset ds, String split, Set<String> methods, int batch, int workers,
            Perturbation perturbation, long seed) throws IOException {
        java.util.List<FrameRecord> frames = SplitSampler.sample(ds.frames(Split.of(split)), methods, 1, false, false, 0);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException(ds.dir() + ": split '" + split + "' has no frames");
        }
        try (NDManager m = NDManager.newBaseManager(model.device());
                DatasetBatches batches = new DatasetBatches(ds, frames, model.config().inputSize(), Augmentation.NONE,
                        Math.min(batch, frames.size()), seed, false, null, workers, perturbation);
                ProgressBar bar = new ProgressBar(perturbation == null ? "faces" : perturbation.toString(), frames.size())) {
            return Evaluation.run(model::forward, model.config().patchGrid(), m, batches, bar);
        }
    }
}
