package io.lvnet.cli;

import io.lvnet.data.FaceForensicsSplits;
import io.lvnet.data.Split;
import io.lvnet.data.readers.DataLayout;
import io.lvnet.data.readers.DatasetLocation;
import io.lvnet.eval.Evaluation;
import io.lvnet.detect.LvNetModel;
import io.lvnet.perturb.Perturbation;
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
        return SplitScoring.score(model, location().open(), split, methods == null ? null : new HashSet<>(methods), batch,
                workers, perturbation, seed);
    }
}
