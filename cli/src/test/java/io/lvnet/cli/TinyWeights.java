package io.lvnet.cli;

import ai.djl.ndarray.NDManager;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.WeightsFile;
import java.io.IOException;
import java.nio.file.Path;

/** Untrained weights of a tiny supervised LVNet (96 px, width 0.125), quick to load and run, for tests of the commands. */
final class TinyWeights {
    private TinyWeights() {
    }

    /** Writes them to {@code dir/tiny.safetensors}. */
    static Path in(Path dir) throws IOException {
        Path weights = dir.resolve("tiny.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            LvNetConfig config = new LvNetConfig(Variant.SUPERVISED, 96, 0.125);
            WeightsFile.save(weights, config, StateDicts.export(LvNet.create(config, m)));
        }
        return weights;
    }
}
