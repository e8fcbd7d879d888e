package io.lvnet.cli;

import ai.djl.ndarray.NDManager;
import io.lvnet.model.LvNet;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.TensorData;
import io.lvnet.weights.WeightsFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lvnet convert IN OUT}: a PyTorch checkpoint (or our file) to our weights format. */
@Command(name = "convert", header = "Convert a PyTorch checkpoint to lvnet's safetensors weights.", mixinStandardHelpOptions = true,
        description = {
            "Convert LVNet weights to lvnet's format: safetensors with the reference's tensor names",
            "(Python reads them with load_state_dict(safetensors.torch.load_file(OUT))) and the model",
            "configuration in the metadata. IN is a PyTorch checkpoint as the reference trainer writes it",
            "(zip or legacy format; bare state dict or under 'state_dict'/'model'; 'module.' prefixes",
            "removed) or an lvnet file. The weights are checked against the model they belong to."})
public final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Checkpoint to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "lvnet weights file to write (.safetensors).")
    Path out;

    @Option(names = "--input-size", paramLabel = "PX", defaultValue = "299",
            description = "Input size the weights were trained for, recorded in OUT (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--partial",
            description = "Keep what fits and report the rest, instead of refusing weights that do not fit the model exactly. "
                    + "Parameters the file lacks keep PyTorch's default initialisation.")
    boolean partial;

    @Override
    public Integer call() throws Exception {
        WeightsFile file = WeightsFile.read(in, inputSize);
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet net = LvNet.create(file.config(), m);
            StateDicts.LoadReport report = StateDicts.load(net, file.stateDict(), !partial);
            var exported = StateDicts.export(net);
            WeightsFile.save(out, file.config(), exported);
            long params = exported.values().stream().filter(t -> t.type().isFloating()).mapToLong(TensorData::numel).sum();
            System.out.printf("read %s: %s, %d tensors%n", in, file.source(), file.stateDict().size());
            System.out.printf("model: %s, input %d px, width %s, %,d values%n",
                    file.config().variant().name().toLowerCase(), file.config().inputSize(), file.config().width(), params);
            System.out.println(report.summary());
            System.out.printf("wrote %s%n", out);
        }
        return 0;
    }
}
