package io.lvnet.train;

import io.lvnet.model.LvNet;
import io.lvnet.model.Variant;
import io.lvnet.weights.ImageNetXception;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.TensorData;
import io.lvnet.weights.WeightsFile;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a run's weights start, decided in one place: resumed from the run folder's last
 * checkpoint (weights and training state), or new: random, with ImageNet Xception streams
 * ({@code train.imagenet}), and/or a whole LVNet's weights ({@code train.init_weights}); and
 * SSPSL's fixed labeller, a copy of the starting network kept in the run folder.
 */
final class StartingWeights {
    private StartingWeights() {
    }

    /**
     * Loads the starting weights into {@code net} and returns the training state to go on with.
     *
     * @param resumeAfter the epoch whose checkpoint a resumed run continues from; -1 for a new run
     * @param log where one-line notes go (resuming, what was loaded)
     */
    static TrainingState applyTo(LvNet net, TrainConfig c, RunDirectory run, int resumeAfter, PrintStream log)
            throws IOException {
        if (resumeAfter >= 0) {
            StateDicts.load(net, WeightsFile.read(run.weights(resumeAfter), c.modelConfig().inputSize()).stateDict(), true);
            TrainingState state = TrainingState.load(run.state(resumeAfter), net);
            log.printf("resuming %s after epoch %d%n", run.root(), resumeAfter);
            return state;
        }
        if (c.train().imagenet() != null) {
            log.println(ImageNetXception.loadInto(net, Path.of(c.train().imagenet())).summary());
        }
        if (c.train().initWeights() != null) {
            log.println(InitialWeights.loadInto(net, Path.of(c.train().initWeights())));
        }
        return new TrainingState(Adam.forNetwork(net, c.adamSettings()), c.schedule(), c.seed());
    }

    /**
     * The network SSPSL's pseudo labels come from when they are fixed ({@code
     * train.sspsl_labeller: initial}): a copy of {@code net} as the run starts, saved in the run
     * folder so that a resumed run labels as the straight one does; null otherwise.
     */
    static LvNet fixedLabeller(TrainConfig c, LvNet net, NDManager m, RunDirectory run, boolean resuming)
            throws IOException {
        if (!c.fixedLabeller() || c.modelConfig().variant() != Variant.SEMI_SUPERVISED) {
            return null;
        }
        LvNet labeller = LvNet.create(c.modelConfig(), m);
        if (resuming) {
            StateDicts.load(labeller, WeightsFile.read(run.labeller(), c.modelConfig().inputSize()).stateDict(), true);
        } else {
            Map<String, TensorData> start = StateDicts.export(net);
            StateDicts.load(labeller, start, true);
            Files.createDirectories(run.labeller().getParent());
            WeightsFile.save(run.labeller(), c.modelConfig(), start);
        }
        return labeller;
    }

}
