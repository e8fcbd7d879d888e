package io.lvnet.cli;

import io.lvnet.data.FaceDetectorChoice;
import io.lvnet.data.FrameSampling;
import io.lvnet.data.prepare.DatasetLayout;
import io.lvnet.data.prepare.DatasetListing;
import io.lvnet.data.prepare.PrepareOptions;
import io.lvnet.data.prepare.PrepareSummary;
import io.lvnet.data.prepare.Preparer;
import io.lvnet.regions.RegionSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lvnet prepare}: a real data set's videos to face crops in the canonical layout. */
@Command(name = "prepare", header = "Turn a deepfake data set's videos into face crops, masks and an index.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Turn a deepfake data set's videos into face crops in the canonical layout",
            "(the layout lvnet synth writes and lvnet train reads; see the README).",
            "For each video: sample frames, find the largest face (--detector), cut a",
            "square --crop-scale times the face around it, resize to --size. A fake's mask",
            "video is cut with the same square and binarised; real frames have all-zero",
            "masks, fakes without a mask video an unknown one. Mouth, eyes and nose",
            "regions (--regions) come from dlib's landmarks on the crop, drawn as the",
            "reference draws its regions, or from the face box's geometry.",
            "",
            "Data sets (--dataset):",
            "  ffpp    FaceForensics++: ROOT/original_sequences/youtube/<raw|c23|c40>/videos,",
            "          ROOT/manipulated_sequences/<Method>/<raw|c23|c40>/videos and",
            "          .../<Method>/masks/videos. Splits from --splits DIR (FF++'s",
            "          train.json, val.json, test.json), else 70/15/15 by video id.",
            "  celebdf Celeb-DF v1 or v2: ROOT/Celeb-real, YouTube-real (real) and",
            "          Celeb-synthesis (fake); test = ROOT/List_of_testing_videos.txt (label",
            "          1 = real there), val carved from the rest by person (no masks).",
            "  dfdcp   DFDC preview: ROOT/dataset.json maps video paths to label and set",
            "          (train/test); val carved from train by person (no masks).",
            "  dfd     DeepFakeDetection in FF++'s tree: ROOT/original_sequences/actors,",
            "          ROOT/manipulated_sequences/DeepFakeDetection (+ masks/videos);",
            "          split 70/15/15 by actor.",
            "  folder  ROOT/real/** and ROOT/fake/** videos or images (fakes: unknown masks).",
            "",
            "Resumable: run again with the same --out to skip finished videos (their",
            "records are in OUT/.prepare/); index.csv is written at the end. Unreadable",
            "videos, videos without a face and unusable entries of the data set's lists",
            "(missing videos or mask videos, bad lines) are reported and counted, never",
            "fatal.",
            "Progress goes to stderr.",
            ""},
        footer = {"", "Examples:",
            "  lvnet prepare --dataset ffpp --root FaceForensics++ --splits splits --out ffpp-crops",
            "  lvnet prepare --dataset celebdf --root Celeb-DF-v2 --out celebdf-crops",
            "  lvnet prepare --dataset folder --root my-videos --out crops --every 10 --size 256"})
public final class PrepareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PrepareSourceOptions source;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder: new, empty, or an earlier prepare run's (resumed).")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Videos prepared at once. Default: the number of CPUs.")
    Integer threads;

    @Mixin
    FaceDetectorOptions detector;

    @Mixin
    RegionOptions regions;

    @Override
    public Integer call() throws Exception {
        DatasetLayout layout = layout();
        FaceDetectorChoice faces = detector.choice();
        PrepareOptions options;
        try {
            options = new PrepareOptions(sampling(), source.size(), source.cropScale(),
                    threads != null ? threads : Runtime.getRuntime().availableProcessors(), faces);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        RegionSource regionSource = regions.source();
        Preparer preparer = new Preparer(options, regions.open(regionSource), RegionOptions.describe(regionSource),
                source.align() ? regions.aligner() : null);
        DatasetListing listing = layout.list(source.rootFolder());
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("generator", "lvnet prepare " + LvnetCommand.version());
        description.put("dataset", source.dataset());
        description.put("root", source.rootFolder().toAbsolutePath().toString());
        if (source.splits() != null) {
            description.put("splits", source.splitsFolder().toAbsolutePath().toString());
        }
        PrepareSummary s;
        try (ProgressBar bar = new ProgressBar("videos", listing.videos().size())) {
            s = preparer.prepare(listing, out, description, bar);
        }
        s.problems().forEach(p -> System.err.println("lvnet prepare: warning: " + p));
        System.out.printf(Locale.ROOT, "videos: %d done, %d skipped (finished before), %d failed, of %d; "
                + "frames written: %d; faces not found: %d; data set problems: %d%n", s.prepared(), s.skipped(),
                s.failed(), s.videos(), s.framesWritten(), s.facesNotFound(), s.datasetProblems());
        System.out.printf(Locale.ROOT, "wrote %s (%d frames in the index); %.1f s, %.1f frames/s%n", out,
                s.index().size(), s.seconds(), s.framesPerSecond());
        System.out.printf(Locale.ROOT, "regions: %s, %.2f ms per frame to locate the parts%n", regionSource.label(),
                s.framesWritten() == 0 ? 0.0 : preparer.regionSeconds() * 1e3 / s.framesWritten());
        return 0;
    }

    private DatasetLayout layout() {
        try {
            return source.layout();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private FrameSampling sampling() {
        try {
            return source.sampling();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
