package io.lvnet.cli;

import io.lvnet.detect.LvNetModel;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How commands that score faces name their weights. */
final class WeightsOptions {
    @Option(names = {"-w", "--weights"}, required = true, paramLabel = "FILE",
            description = "Weights: lvnet safetensors (from 'lvnet convert' or training) or a PyTorch checkpoint (.pth/.pth.tar).")
    Path weights;

    @Option(names = "--input-size", paramLabel = "PX", defaultValue = "299",
            description = "Input size of a PyTorch checkpoint, which does not record it (default: ${DEFAULT-VALUE}). Our files carry their own.")
    int inputSize;

    LvNetModel load() throws IOException {
        return LvNetModel.load(weights, inputSize);
    }
}
