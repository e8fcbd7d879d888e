package io.lvnet.cli;

import io.lvnet.calibrate.OperatingPoint;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --operating-point}, as {@code detect}, {@code serve} and the Spark scan take it. */
public final class OperatingPointOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--operating-point", paramLabel = "NAME",
            description = "Calibrated weights only: fpr1, fpr5 or eer, the operating point whose threshold calls a face fake "
                    + "(at most 1%% or 5%% of real faces called fake, or the equal error rate, on the faces calibrated on); "
                    + "faces that only a less strict operating point would call fake are inconclusive. The service's requests "
                    + "may name their own (operating_point=...) (default: fpr1).")
    String name;

    /** The chosen point, or null for none; a name that is none is a usage error (exit 2). */
    public OperatingPoint point() {
        if (name == null) {
            return null;
        }
        try {
            return OperatingPoint.of(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--operating-point: " + e.getMessage());
        }
    }

    /** The chosen point's name as given, checked (see {@link #point}), or null for none. */
    public String name() {
        return point() == null ? null : name;
    }
}
