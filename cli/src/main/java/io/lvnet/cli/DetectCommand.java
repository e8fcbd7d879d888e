package io.lvnet.cli;

import io.lvnet.calibrate.Calibration;
import io.lvnet.calibrate.OperatingPoint;
import io.lvnet.calibrate.VerdictRule;
import io.lvnet.data.DecodeLimits;
import io.lvnet.data.FrameSampling;
import io.lvnet.detect.CsvReport;
import io.lvnet.detect.DetectionReport;
import io.lvnet.data.FaceFinder;
import io.lvnet.detect.FileResult;
import io.lvnet.detect.FileScanner;
import io.lvnet.files.InputFiles;
import io.lvnet.detect.OverlayWriter;
import io.lvnet.detect.LvNetModel;
import io.lvnet.provenance.Provenance;
import io.lvnet.regions.PartLocator;
import io.lvnet.landmarks.AligningFaceFinder;
import io.lvnet.data.FaceCrops;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lvnet detect}: how likely each face is forged, and where. */
@Command(name = "detect", header = "Scan images and videos: how likely each face is forged, and where.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Scan images and videos: for each face, the probability that it is forged (verify) and a",
            "patch map of where (locate). Faces are found with BlazeFace (or --detector haar, or the DNN",
            "model given with --detector-model) and cropped as training crops them; --face none takes each",
            "image as an aligned face crop. Videos are sampled (32 evenly spaced frames by default) and get",
            "a verdict: the mean face score, and the mean of each frame's most suspicious face.",
            "Each face gets a verdict: real, fake, or inconclusive (between the operating points, or the face too small,",
            "too blurred or too compressed to judge: see its \"quality\" and \"verdict_reason\"). Weights calibrated by 'lvnet calibrate' give",
            "calibrated probabilities and operating points (--operating-point); others are judged at --threshold.",
            "Exit status: 0 when every file was scanned, 1 when any failed (its entry says why), 2 for bad usage."})
public final class DetectCommand implements Callable<Integer> {
    /** How faces are found. */

    @Spec
    CommandSpec spec;

    /** The loaded weights' calibration method, null without one. */
    private String method;

    @Mixin
    WeightsOptions weights;

    @Mixin
    PrecisionOption precision;

    @Parameters(arity = "1..*", paramLabel = "INPUT",
            description = "Images (jpg, png, bmp, webp, tif), videos (mp4, mov, avi, webm, mkv), or directories searched recursively.")
    List<Path> inputs;

    @Mixin
    FaceCropOptions faces;

    @Mixin
    FaceDetectorOptions detector;

    @Mixin
    FrameSamplingOptions frames;

    @Option(names = "--max-megapixels", defaultValue = "100", paramLabel = "MP",
            description = "Largest video frame decoded, in megapixels, whatever the file's header says; a video with a larger "
                    + "frame fails there (default: ${DEFAULT-VALUE}).")
    double maxMegapixels;

    @Option(names = "--max-video-seconds", defaultValue = "14400", paramLabel = "S",
            description = "Latest video frame decoded, in seconds by its timestamp, and at most 240 frames a second on "
                    + "average; a longer video fails there (default: ${DEFAULT-VALUE}, four hours).")
    double maxVideoSeconds;

    @Mixin
    OperatingPointOption operatingPoint;

    @Option(names = "--threshold", paramLabel = "P",
            description = "Call a face fake from this probability on and real below it, instead of an operating point "
                    + "(default for weights without calibration: 0.5).")
    Float threshold;

    @Option(names = "--batch", defaultValue = "8", paramLabel = "N", description = "Faces per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--json", description = "Print one JSON document: {\"files\": [{\"path\", \"type\", \"faces\": [{\"box\", "
            + "\"fake_probability\", \"raw_probability\", \"verdict\", \"logits\", \"patch_map\", \"parts\"}], "
            + "\"fake_probability\", \"error\", \"sha256\"}], \"verdicts\": {...}, \"provenance\": {\"lvnet_version\", "
            + "\"weights\": {\"file\", \"sha256\"}, \"options\"}}; videos add \"frames\" and \"people\" (faces linked across "
            + "frames: score, verdict, timeline, most suspicious face). Faces carry \"quality\" and, when inconclusive, "
            + "\"verdict_reason\". \"parts\" says which facial "
            + "part holds the most forged patches (\"forged_part\": mouth, eyes, nose or rest_of_face) and counts each "
            + "part's patches and forged patches.")
    boolean json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write one row per face to FILE.")
    Path csv;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write a heatmap overlay per face (the most suspicious one per video) and a score-over-time chart per video.")
    Path out;

    @Mixin
    RegionOptions regions;

    @Mixin
    QualityOptions quality;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || !(maxMegapixels > 0) || !(maxVideoSeconds > 0)) {
            throw new IllegalArgumentException("--batch must be at least 1; --max-megapixels and --max-video-seconds positive");
        }
        FrameSampling sampling = frames.sampling();
        faces.cropScale(); // checked before any work
        faces.align();
        List<Path> files = InputFiles.expand(inputs);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no images or videos found in " + inputs);
        }
        OperatingPoint point = operatingPoint.point();
        io.lvnet.detect.QualityGate gate;
        try {
            gate = quality.gate();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<FileResult> results = new ArrayList<>();
        VerdictRule rule;
        Provenance provenance = null;
        PartLocator parts = regions.open(regions.source());
        try (LvNetModel model = precision.apply(weights.load()); FaceFinder finder = finder();
                ProgressBar bar = new ProgressBar("files", files.size())) {
            rule = verdictRule(model.calibration(), point);
            if (json) { // hashed once the loader has accepted the file, so a bad file fails with the loader's line
                provenance = Provenance.of(Provenance.Weights.of(weights.weights, false), precision.recorded(UsedOptions.of(spec), model));
            }
            OverlayWriter overlays = out == null ? null : new OverlayWriter(out, (float) rule.fakeFrom(), files);
            FileScanner scanner = new FileScanner(model, finder, sampling, batch, overlays)
                    .withLimits(DecodeLimits.of(Math.max(1, (long) (maxMegapixels * 1e6)), maxVideoSeconds))
                    .withVerdicts(rule)
                    .withQuality(gate)
                    .withParts(parts);
            for (Path f : files) {
                FileResult r = scanner.scan(f);
                results.add(r);
                if (overlays != null) {
                    overlays.finish(f, r);
                }
                bar.advance(1);
            }
        }
        print(results, rule, provenance);
        if (csv != null) {
            CsvReport.write(csv, results);
        }
        return results.stream().anyMatch(FileResult::failed) ? OneLineErrors.FAILED : 0;
    }

    /** The rule the user chose, said on stderr with whether the weights are calibrated. */
    private VerdictRule verdictRule(Calibration calibration, OperatingPoint point) {
        VerdictRule rule;
        try {
            rule = VerdictRule.choose(calibration, point, threshold == null ? null : threshold.doubleValue());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        method = calibration == null ? null : calibration.method();
        System.err.println(calibration == null
                ? "weights without calibration: fake_probability is the network's softmax; " + rule.describe()
                : "calibrated weights (" + calibration.method() + ", fitted on " + calibration.fit().faces() + " faces of split '"
                        + calibration.fit().split() + "'); " + rule.describe());
        return rule;
    }

    private FaceFinder finder() throws IOException {
        if (faces.wholeImage()) {
            return FaceFinder.wholeImage();
        }
        if (faces.align()) {
            return new AligningFaceFinder(detector.choice().open(),
                    new FaceCrops(faces.cropScale(), FaceCrops.Border.SHIFT_AND_SHRINK), regions.aligner(), faces.largest());
        }
        return FaceFinder.using(detector.choice(), faces.cropScale(), faces.largest());
    }

    private void print(List<FileResult> results, VerdictRule rule, Provenance provenance) {
        if (json) {
            System.out.println(new DetectionReport(results, DetectionReport.Verdicts.of(rule, method), provenance).toJson());
            return;
        }
        for (FileResult r : results) {
            if (r.failed()) {
                System.out.println(r.path() + "\terror: " + r.error());
            } else if (r.fakeProbability() == null) {
                System.out.println(r.path() + "\tno face found");
            } else {
                String faces = r.frames() == null ? r.faces().size() + " face(s)"
                        : r.frames().stream().filter(f -> f.fakeProbability() != null).count() + "/" + r.frames().size()
                                + " frames with faces, " + r.people().size() + " " + (r.people().size() == 1 ? "person" : "people");
                System.out.printf(Locale.ROOT, "%s\t%s\tfake %.4f\t%s%n", r.path(),
                        rule.judge(r.fakeProbability()).label(), r.fakeProbability(), faces);
            }
        }
    }
}
