package io.lvnet.cli;

import ai.djl.ndarray.NDManager;
import io.lvnet.augment.Augmentation;
import io.lvnet.data.FaceForensicsSplits;
import io.lvnet.data.FrameDataset;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Split;
import io.lvnet.data.SplitSampler;
import io.lvnet.data.readers.DataLayout;
import io.lvnet.data.readers.DatasetLocation;
import io.lvnet.eval.Evaluation;
import io.lvnet.detect.LvNetModel;
import io.lvnet.perturb.Perturbation;
import io.lvnet.train.DatasetBatches;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How commands that score a split of a dataset ({@code eval}, {@code calibrate}) name it and read it. */
final class DatasetOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-d", "--data"}, required = true, paramLabel = "DIR", description = "The dataset's folder.")
    Path data;

    @Option(names = "--layout", defaultValue = "canonical", paramLabel = "NAME",
            description = "canonical, composite or deepfakebench (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--splits", paramLabel = "DIR", description = "composite: folder with FF++'s train.json, val.json, test.json.")
    Path splits;

    @Option(names = "--index", paramLabel = "FILE", description = "deepfakebench: its dataset JSON (e.g. dataset_json/Celeb-DF-v2.json).")
    Path index;

    @Option(names = "--method", paramLabel = "NAME", split = ",", description = "Only these methods' fakes (real faces are always kept).")
    List<String> methods;

    @Option(names = "--batch", defaultValue = "16", paramLabel = "N", description = "Faces per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--workers", defaultValue = "2", paramLabel = "N", description = "Decoding threads (default: ${DEFAULT-VALUE}).")
    int workers;

    private DatasetLocation location() throws IOException {
        try {
            DataLayout l = DataLayout.of(layout);
            Map<Split, Path> lists = splits == null ? Map.of() : FaceForensicsSplits.inFolder(splits);
            return new DatasetLocation(l, data, lists, index);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Checks the layout options (exit 2 on a wrong one) before anything slow, such as loading
     * weights, happens.
     */
    void check() throws IOException {
        location();
    }

    /**
     * Scores every face of {@code split} with {@code model}, with a progress bar.
     *
     * @throws IllegalArgumentException when the split has no frames
     */
    Evaluation score(LvNetModel model, String split) throws IOException {
        return score(model, split, null, 0);
    }

    /**
     * Scores every face of {@code split} with {@code model}, each frame perturbed first by
     * {@code perturbation} (null for none) with random draws from {@code seed}.
     *
     * @throws IllegalArgumentException when the split has no frames
     */
    Evaluation score(LvNetModel model, String split, Perturbation perturbation, long seed) throws IOException {
        FrameDataset ds = location().open();
        List<FrameRecord> frames = SplitSampler.sample(ds.frames(Split.of(split)),
                methods == null ? null : new HashSet<>(methods), 1, false, false, 0);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException(data + ": split '" + split + "' has no frames");
        }
        try (NDManager m = NDManager.newBaseManager(model.device());
                DatasetBatches batches = new DatasetBatches(ds, frames, model.config().inputSize(), Augmentation.NONE,
                        Math.min(batch, frames.size()), seed, false, null, workers, perturbation);
                ProgressBar bar = new ProgressBar(perturbation == null ? "faces" : perturbation.toString(), frames.size())) {
            return Evaluation.run(model.network(), m, batches, bar);
        }
    }
}
