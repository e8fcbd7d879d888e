package io.lvnet.demo;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import ai.djl.ndarray.NDManager;
import io.lvnet.data.CanonicalDataset;
import io.lvnet.data.CanonicalLayout;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FaceCrops;
import io.lvnet.data.FaceDetectorChoice;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.FrameSampling;
import io.lvnet.data.Raster;
import io.lvnet.data.VideoFiles;
import io.lvnet.data.Split;
import io.lvnet.data.SplitSampler;
import io.lvnet.data.FaceFinder;
import io.lvnet.detect.FileResult;
import io.lvnet.detect.FileScanner;
import io.lvnet.detect.OverlayWriter;
import io.lvnet.progress.ProgressListener;
import io.lvnet.eval.Evaluation;
import io.lvnet.eval.EvaluationReport;
import io.lvnet.detect.LvNetModel;
import io.lvnet.synth.Method;
import io.lvnet.synth.SynthGenerator;
import io.lvnet.synth.SynthOptions;
import io.lvnet.train.DatasetBatches;
import io.lvnet.train.EpochRecord;
import io.lvnet.train.RunDirectory;
import io.lvnet.train.TrainConfig;
import io.lvnet.train.TrainListener;
import io.lvnet.train.TrainingRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * lvnet from end to end on data it makes itself: a small synthetic benchmark, the compact
 * model trained on it, evaluated on held-out identities, a few faces and a video scanned, and
 * one HTML page that shows it all. Steps already done in the output folder are reused, so an
 * interrupted demo continues.
 */
public final class Demo {
    /**
     * @param out where everything goes
     * @param identities synthetic people (splits by identity: about 70/15/15 %)
     * @param frames frames per clip
     * @param epochs training epochs
     * @param seed the seed of data and training
     */
    public record Options(Path out, int identities, int frames, int epochs, long seed) {
    }

    /** What the demo produced. */
    public record Result(Path report, double testFrameAuc, double testVideoAuc) {
    }

    /** Synthetic frames are this wide; their faces, cut 1.3 times the box, are about 90 px. */
    private static final int SIZE = 160;
    /**
     * The model's input: the faces' own resolution. At 96 px the demo's three epochs took 263 s
     * against 364 s at 112 px, for held-out frame AUC 0.947 against 0.957 (video 0.973 against
     * 0.980) and validation AUC 0.897 against 0.870 (AMD Zen 5, docs/experiments.md).
     */
    private static final int INPUT_SIZE = 96;
    private static final float THRESHOLD = 0.5f;

    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param progress a progress bar for a named step of a known number of items
     * @param training reports training steps and epochs
     */
    public static Result run(Options o, PrintStream log, java.util.function.BiFunction<String, Integer, ProgressAndClose> progress,
            TrainListener training) throws IOException {
        Path data = o.out().resolve("data");
        log.println("[1/4] synthetic benchmark in " + data);
        if (!Files.exists(data.resolve(CanonicalLayout.INDEX))) {
            // no videos: only one is scanned, and encoding every clip took half the generation's time
            SynthOptions s = new SynthOptions(o.identities(), 1, o.frames(), SIZE, o.seed(), List.of(CompressionLevel.NONE),
                    List.of(Method.values()), false, Runtime.getRuntime().availableProcessors());
            try (ProgressAndClose bar = progress.apply("clips", o.identities() * (1 + Method.values().length))) {
                new SynthGenerator(s).generate(data, "lvnet demo", bar);
            }
        }

        log.println("[2/4] training the compact model (" + o.epochs() + " epochs)");
        Path config = o.out().resolve("train.yaml");
        CanonicalDataset generated = CanonicalDataset.open(data);
        // small demos have small splits: no batch may be larger than its split
        int trainFrames = SplitSampler.sample(generated.frames(Split.TRAIN), null, 2, true, true, o.seed()).size();
        int valFrames = SplitSampler.sample(generated.frames(Split.VAL), null, 2, false, false, 0).size();
        Files.writeString(config, trainingConfig(data, o.out().resolve("run"), o.epochs(), o.seed(),
                Math.min(16, trainFrames), Math.min(32, valFrames)));
        TrainConfig c = TrainConfig.read(config, List.of());
        RunDirectory run = new RunDirectory(o.out().resolve("run"));
        int done = run.lastCompleteEpoch() + 1;
        if (done < o.epochs()) {
            TrainingRun.run(c, config, done > 0, training, log);
        }
        EpochRecord best = TrainingRun.best(run);

        log.println("[3/4] evaluating the best epoch (" + best.epoch() + ") on held-out identities");
        CanonicalDataset ds = generated;
        List<FrameRecord> test = SplitSampler.sample(ds.frames(Split.TEST), null, 1, false, false, 0);
        EvaluationReport report;
        try (LvNetModel model = LvNetModel.load(run.best());
                NDManager m = NDManager.newBaseManager(model.device());
                DatasetBatches batches = new DatasetBatches(ds, test, INPUT_SIZE, false, Math.min(16, test.size()), 0, false, false, 2);
                ProgressAndClose bar = progress.apply("test faces", test.size())) {
            report = new EvaluationReport(Evaluation.run(model.network(), m, batches, bar));
        }
        report.writeRoc(o.out().resolve("roc.png"), "Held-out identities");

        log.println("[4/4] scanning faces and a video");
        Path pictures = o.out().resolve("pictures");
        List<Path> images = new ArrayList<>();
        Map<Path, String> truth = new LinkedHashMap<>();
        for (String method : methodsInOrder()) {
            test.stream().filter(f -> f.method().equals(method)).findFirst().ifPresent(f -> {
                Path p = ds.resolve(f.image());
                images.add(p);
                truth.put(p, f.fake() ? "fake, " + f.method() : "real");
            });
        }
        FrameRecord videoFrame = test.stream().filter(FrameRecord::fake).findFirst().orElseThrow();
        Path video = ds.resolve(CanonicalLayout.video(videoFrame.method(), videoFrame.compression(), videoFrame.video()));
        if (!Files.exists(video)) {
            encodeClip(ds, test, videoFrame, video);
        }
        List<Path> scanned = new ArrayList<>(images);
        scanned.add(video);
        OverlayWriter overlays = new OverlayWriter(pictures, THRESHOLD, scanned);
        List<FileResult> results = new ArrayList<>();
        try (LvNetModel model = LvNetModel.load(run.best());
                FaceFinder finder = FaceFinder.detecting(FaceDetectorChoice.DEFAULT.open(), new FaceCrops(), true);
                ProgressAndClose bar = progress.apply("files", scanned.size())) {
            FileScanner scanner = new FileScanner(model, finder, FrameSampling.evenly(o.frames()), 8, overlays);
            for (Path f : scanned) {
                FileResult r = scanner.scan(f);
                overlays.finish(f, r);
                results.add(r);
                bar.advance(1);
            }
        }

        Map<String, Object> summary = report.summary();
        DemoReport html = new DemoReport("lvnet demo: LVNet on a synthetic deepfake benchmark");
        html.paragraph(String.format(Locale.ROOT, "%d synthetic people, one clip each (%d frames, %d px) plus one fake per "
                + "manipulation method; the compact LVNet (%d px, width 0.25) trained %d epochs on the training identities, "
                + "best epoch %d by validation AUC (%.3f). Everything below is on identities the model never saw.",
                o.identities(), o.frames(), SIZE, INPUT_SIZE, o.epochs(), best.epoch(), best.validationAuc()));
        html.heading("Verify and locate, measured").measures(summary).groups("method", summary.get("per_method"));
        html.heading("ROC curve").picture(o.out().resolve("roc.png"), "ROC");
        html.heading("Training").picture(run.root().resolve("auc.png"), "validation AUC").picture(run.root().resolve("loss.png"), "loss");
        html.heading("Faces scanned (heatmap: where lvnet locates the forgery)");
        List<DemoReport.Shown> shown = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            FileResult r = results.get(i);
            Path overlay = pictures.resolve(String.format("%04d_%s_face0.png", i, stem(images.get(i))));
            if (!r.faces().isEmpty() && Files.exists(overlay)) {
                shown.add(new DemoReport.Shown(truth.get(images.get(i)).startsWith("real") ? "real frame"
                        : truth.get(images.get(i)).substring(6), overlay, truth.get(images.get(i)), r.fakeProbability()));
            }
        }
        html.faces(shown, THRESHOLD);
        FileResult v = results.get(results.size() - 1);
        html.heading("A video").video(v, "fake, " + videoFrame.method())
                .picture(pictures.resolve(String.format("%04d_%s_timeline.png", images.size(), stem(video))), "timeline");
        Path page = o.out().resolve("report.html");
        html.write(page);
        return new Result(page, (Double) summary.get("frame_auc"),
                summary.get("video_auc") == null ? Double.NaN : (Double) summary.get("video_auc"));
    }

    /** A progress bar that is closed when its step ends. */
    public interface ProgressAndClose extends ProgressListener, AutoCloseable {
        @Override
        void close();
    }

    /** Encodes the frames of {@code frame}'s clip as the video the generator would have written. */
    private static void encodeClip(CanonicalDataset ds, List<FrameRecord> frames, FrameRecord frame, Path video)
            throws IOException {
        List<Raster> images = new ArrayList<>();
        for (FrameRecord f : frames.stream().filter(f -> f.video().equals(frame.video()) && f.method().equals(frame.method())
                && f.compression() == frame.compression()).sorted(java.util.Comparator.comparingInt(FrameRecord::frame)).toList()) {
            try (Mat m = imread(ds.resolve(f.image()).toAbsolutePath().toString(), IMREAD_COLOR)) {
                if (m.empty()) {
                    throw new IOException(ds.resolve(f.image()) + ": not a readable image");
                }
                images.add(Raster.of(m));
            }
        }
        Files.createDirectories(video.getParent());
        VideoFiles.write(video, images, frame.compression());
    }

    private static List<String> methodsInOrder() {
        List<String> out = new ArrayList<>(List.of(FrameRecord.ORIGINAL));
        for (Method m : Method.values()) {
            out.add(m.id());
        }
        return out;
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static String trainingConfig(Path data, Path run, int epochs, long seed, int trainBatch, int valBatch) {
        return """
                # written by lvnet demo: config/synth-compact.yaml's recipe on the demo's synthetic data
                datasets:
                  root: %s
                  image_size: %d
                  n_workers: 2
                  augmentation: none
                  train: {split: train, downsample: 2, balance: true, batch_size: %d}
                  # every second validation frame: the epochs' ranking, in half the time
                  val: {split: val, downsample: 2, balance: false, batch_size: %d}
                train:
                  epoch: %d
                  lr_step: 2
                  mixup: false
                  recompute: none
                  manual_seed: %d
                  save_path: %s
                model:
                  variant: supervised
                  width: 0.25
                """.formatted(data.toAbsolutePath(), INPUT_SIZE, trainBatch, valBatch, epochs, seed, run.toAbsolutePath());
    }
}
