package io.lvnet.cli;

import io.lvnet.detect.LvNetModel;
import io.lvnet.detect.Precision;
import picocli.CommandLine.Option;

/** {@code --precision} for commands that score faces with an {@link LvNetModel}. */
final class PrecisionOption {
    @Option(names = "--precision", paramLabel = "auto|fp32|bf16", defaultValue = "auto", converter = PrecisionConverter.class,
            description = {"The arithmetic faces are scored in. bf16 computes the network in bfloat16 (the SRM filter,",
                "stage 0 and the heads stay in float32), faster where the CPU has AVX512-BF16 or AMX (full size, batch 8, Xeon with AMX:",
                "5.7 instead of 2.5 images/s), at a small deviation from float32 ('lvnet bench --precision bf16 -d DIR'",
                "measures it). auto (the default) picks bf16 where the CPU has those instructions and fp32 elsewhere,",
                "where bfloat16 would be emulated and slower; 'lvnet info' says which it picks here."})
    Precision precision = Precision.AUTO;

    @Option(names = "--bf16", hidden = true, description = "The earlier spelling of --precision bf16.")
    boolean bf16;

    /** The precision asked for: {@code --bf16} wins over the default. */
    Precision asked() {
        return bf16 ? Precision.BF16 : precision;
    }

    /** {@code model}, switched to the precision asked for. */
    LvNetModel apply(LvNetModel model) {
        return model.withPrecision(asked());
    }

    /** {@code options} as results record them: the precision that ran, not "auto". */
    java.util.Map<String, Object> recorded(java.util.Map<String, Object> options, LvNetModel model) {
        options.remove("bf16");
        options.put("precision", model.precision().label());
        return options;
    }

    /** Parses {@code auto}, {@code fp32}, {@code bf16}. */
    static final class PrecisionConverter implements picocli.CommandLine.ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            return Precision.parse(value);
        }
    }
}
