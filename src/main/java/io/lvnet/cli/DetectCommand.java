package io.lvnet.cli;

import io.lvnet.detect.DetectionReport;
import io.lvnet.detect.FaceCropScanner;
import io.lvnet.detect.FileResult;
import io.lvnet.detect.InputFiles;
import io.lvnet.model.LvNetModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lvnet detect}: how likely each face is forged, and where. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {
            "Score faces: for each, the probability that it is forged and a patch map of where.",
            "With --face none each image is taken as an aligned face crop (resized to the model's input).",
            "Exit status: 0 when every file was scanned, 1 when any failed (its entry says why), 2 for bad usage."})
public final class DetectCommand implements Callable<Integer> {
    /** How faces are found. */
    enum FaceMode { none }

    @Mixin
    WeightsOptions weights;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Images, or directories searched recursively for images.")
    List<Path> inputs;

    @Option(names = "--face", defaultValue = "none", paramLabel = "MODE",
            description = "How faces are found: ${COMPLETION-CANDIDATES} (the image is the face crop). Default: ${DEFAULT-VALUE}.")
    FaceMode face;

    @Option(names = "--json", description = "Print one JSON document: {\"files\": [{\"path\", \"type\", \"faces\": [{\"box\", "
            + "\"fake_probability\", \"logits\", \"patch_map\"}], \"fake_probability\", \"error\"}]}.")
    boolean json;

    @Option(names = "--batch", defaultValue = "8", paramLabel = "N", description = "Faces per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threshold", defaultValue = "0.5", paramLabel = "P",
            description = "Probability from which a face is called fake in the text output (default: ${DEFAULT-VALUE}).")
    float threshold;

    @Override
    public Integer call() throws Exception {
        List<Path> files = InputFiles.expand(inputs);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no images found in " + inputs);
        }
        List<FileResult> results;
        try (LvNetModel model = weights.load(); ProgressBar bar = new ProgressBar("images", files.size())) {
            results = new FaceCropScanner(model, batch).scan(files, bar);
        }
        if (json) {
            System.out.println(new DetectionReport(results).toJson());
        } else {
            for (FileResult r : results) {
                System.out.println(r.failed() ? r.path() + "\terror: " + r.error()
                        : String.format("%s\t%s\tfake %.4f", r.path(), r.fakeProbability() >= threshold ? "FAKE" : "real",
                                r.fakeProbability()));
            }
        }
        return results.stream().anyMatch(FileResult::failed) ? OneLineErrors.FAILED : 0;
    }
}
