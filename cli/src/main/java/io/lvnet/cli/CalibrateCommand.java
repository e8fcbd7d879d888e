package io.lvnet.cli;

import io.lvnet.calibrate.CalibratedWeights;
import io.lvnet.calibrate.Calibration;
import io.lvnet.calibrate.Calibrator;
import io.lvnet.calibrate.OperatingPoint;
import io.lvnet.calibrate.OperatingPoints;
import io.lvnet.eval.Evaluation;
import io.lvnet.detect.LvNetModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lvnet calibrate}: turn the network's softmax into probabilities that mean what they say, and set operating points. */
@Command(name = "calibrate", header = "Calibrate weights' face scores on held-out faces; set operating points.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Score every face of a held-out split (val by default; never the split you will measure on) and fit",
            "temperature scaling of the network's logit margin, then, where each class has at least 100 faces,",
            "an isotonic regression on top. Then set the operating points on the calibrated probability: the",
            "thresholds at which 1%% and 5%% of real faces are called fake (fpr1, fpr5) and the equal error rate",
            "(eer). Writes a new weights file carrying the calibration in its metadata (the original is not",
            "touched); 'lvnet detect' and 'lvnet serve' then report calibrated probabilities and verdicts, and",
            "'lvnet eval' the calibration error before and after. A split with one class, or fewer than 20 faces",
            "of a class, is refused."})
public final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    WeightsOptions weights;

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--split", defaultValue = "val", paramLabel = "NAME", description = "The held-out split to fit on (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--calibration", defaultValue = "auto", paramLabel = "NAME",
            description = "auto, temperature or isotonic: auto adds the isotonic regression where each class has at least "
                    + "100 faces (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "The calibrated weights (default: beside the weights, NAME.calibrated.safetensors).")
    Path output;

    @Override
    public Integer call() throws Exception {
        Calibrator.Method m;
        try {
            m = Calibrator.Method.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--calibration must be auto, temperature or isotonic, got '" + method + "'");
        }
        Path target = output != null ? output : CalibratedWeights.defaultTarget(weights.weights);
        if (Files.exists(target) && Files.exists(weights.weights) && Files.isSameFile(target, weights.weights)) {
            throw new ParameterException(spec.commandLine(), target + " is the weights file being calibrated; "
                    + "the calibrated weights go to a new file (-o)");
        }
        Evaluation faces;
        dataset.check();
        try (LvNetModel model = weights.load()) {
            faces = dataset.score(model, split);
        }
        Calibration c = Calibrator.fit(faces.margins(), faces.labels(), m, dataset.data.toString(), split);
        CalibratedWeights.write(weights.weights, weights.inputSize, target, c);
        Calibration.FitInfo f = c.fit();
        System.out.printf(Locale.ROOT, "fitted on %d faces of split '%s' (%d fake): temperature %.4f, %s%n", f.faces(),
                split, f.fakes(), c.temperature().temperature(), c.isotonic() == null ? "no isotonic regression"
                        : "isotonic regression with " + c.isotonic().knotsX().length + " blocks");
        System.out.printf(Locale.ROOT, "expected calibration error %.4f -> %.4f, Brier score %.4f -> %.4f (on the faces fitted on)%n",
                f.eceBefore(), f.eceAfter(), f.brierBefore(), f.brierAfter());
        for (OperatingPoint p : OperatingPoint.values()) {
            OperatingPoints.Point pt = c.operatingPoints().get(p);
            System.out.printf(Locale.ROOT, "operating point %-4s fake from %.4f  (false positives %.4f, true positives %.4f)%n",
                    p.label(), pt.threshold(), pt.falsePositiveRate(), pt.truePositiveRate());
        }
        System.out.println("calibrated weights written to " + target);
        return 0;
    }
}
