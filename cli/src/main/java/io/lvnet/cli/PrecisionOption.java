package io.lvnet.cli;

import io.lvnet.detect.LvNetModel;
import picocli.CommandLine.Option;

/** {@code --bf16} for commands that score faces with an {@link LvNetModel}. */
final class PrecisionOption {
    @Option(names = "--bf16", description = {"Compute the Xception streams in bfloat16: faster where the CPU has AVX512-BF16 or",
        "AMX (full size, batch 8: 4.4 instead of 3.1 images/s on Zen 4), at a small deviation (see 'lvnet bench --bf16')."})
    boolean bf16;

    /** {@code model}, switched to bfloat16 when asked for. */
    LvNetModel apply(LvNetModel model) {
        return bf16 ? model.useBfloat16() : model;
    }
}
