package io.lvnet.train;

import io.lvnet.model.LvNet;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.WeightsFile;
import io.lvnet.weights.WeightsFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts a run from the weights of a whole LVNet ({@code train.init_weights}) instead of random
 * or ImageNet streams: fine-tuning, or a semi-supervised run that starts from weights learnt on
 * other data. The two variants differ only by the projection head, so its entries may be absent
 * (a supervised file starting a semi-supervised run: the head keeps its initialisation) or left
 * over (the other way round); anything else that does not fit refuses the file before training.
 */
final class InitialWeights {
    /** The projection head's reference-name prefix, the one part the variants do not share. */
    private static final String PROJECTION_HEAD = "pro_header.";

    private InitialWeights() {
    }

    /**
     * Loads {@code file} (our safetensors or a PyTorch checkpoint) into {@code net}.
     *
     * @return a one-line summary for the run's log
     * @throws WeightsFormatException when the file is unreadable or other entries do not fit
     */
    static String loadInto(LvNet net, Path file) throws IOException {
        WeightsFile weights = WeightsFile.read(file, net.config().inputSize());
        StateDicts.LoadReport report;
        try {
            report = StateDicts.load(net, weights.stateDict(), false);
        } catch (WeightsFormatException e) {
            throw new WeightsFormatException(file + ": " + e.getMessage(), e);
        }
        if (!report.wrongShape().isEmpty() || !onlyProjectionHead(report.missing())
                || !onlyProjectionHead(report.unexpected())) {
            throw new WeightsFormatException(file + ": train.init_weights does not fit this model ("
                    + net.config() + "): " + report.summary());
        }
        return "started from " + file + " (" + weights.source() + "): " + report.summary();
    }

    private static boolean onlyProjectionHead(List<String> names) {
        return names.stream().allMatch(n -> n.startsWith(PROJECTION_HEAD));
    }
}
