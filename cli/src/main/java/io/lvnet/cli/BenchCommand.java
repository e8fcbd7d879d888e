package io.lvnet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lvnet.detect.InferenceBenchmark;
import io.lvnet.landmarks.LandmarkBenchmark;
import io.lvnet.landmarks.ShapePredictorFile;
import io.lvnet.model.LvNetConfig;
import io.lvnet.detect.LvNetModel;
import io.lvnet.detect.Precision;
import io.lvnet.detect.PrecisionDeviation;
import io.lvnet.model.Variant;
import io.lvnet.serve.DetectServer;
import io.lvnet.serve.EngineThreads;
import io.lvnet.serve.LoadTest;
import io.lvnet.serve.ModelDetector;
import io.lvnet.serve.ServeConfig;
import io.lvnet.serve.ServeLimits;
import io.lvnet.serve.ServiceInfo;
import io.lvnet.synth.Portraits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lvnet bench}: inference speed and peak memory. */
@Command(name = "bench", header = "Measure inference, training or service speed and peak memory, or the face detector.",
        mixinStandardHelpOptions = true,
        description = {"Measure inference (or, with --train, training) speed in images per second and peak resident memory,",
            "or (with --serve) the HTTP service's throughput and latency under concurrent clients,",
            "or (with --faces) the face detectors: faces found, duplicates, false boxes, mean IoU, faces per second.",
            "Uses random weights of the full-size reference model unless --weights or --size/--width say otherwise.",
            "Example: lvnet bench --faces -d data/synth --split test"})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "N", description = "Faces per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--iterations", defaultValue = "5", paramLabel = "N", description = "Timed passes (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N", description = "Untimed passes first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--size", defaultValue = "299", paramLabel = "PX", description = "Input size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--width", defaultValue = "1.0", paramLabel = "W", description = "Width multiplier (default: ${DEFAULT-VALUE}).")
    double width;

    @Option(names = "--semi", description = "Benchmark the semi-supervised variant.")
    boolean semi;

    @Option(names = {"-w", "--weights"}, paramLabel = "FILE", description = "Benchmark these weights instead of random ones.")
    Path weights;

    @Option(names = "--train", description = "Measure training steps (forward, loss, backward, Adam) instead of inference.")
    boolean train;

    @Option(names = "--recompute", paramLabel = "all|early|none", defaultValue = "all", description = {
            "With --train: which stages backward recomputes instead of keeping their activations, as "
                    + "train.recompute: all (default, the least memory), early (stages 0..2) or none (the fastest, "
                    + "the most memory). Same gradients."})
    String recompute;

    @Mixin
    PrecisionOption precisionOption;

    @Option(names = "--json", description = "Print {\"images_per_s\", \"peak_rss_mb\", \"batch\", ...} as JSON.")
    boolean json;

    @Option(names = "--serve", description = "Load-test 'lvnet serve' on loopback instead: --clients concurrent clients send "
            + "--requests detections each (rendered faces of 64 to 160 px); reports throughput, p50/p99 latency, errors and heap.")
    boolean serve;

    @Option(names = "--clients", defaultValue = "4", paramLabel = "N", description = "With --serve: concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--requests", defaultValue = "40", paramLabel = "N", description = "With --serve: requests per client (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--workers", paramLabel = "N", description = "With --serve: model workers (default: one per core).")
    Integer workers;

    @Option(names = "--landmarks", arity = "0..1", paramLabel = "MODEL", fallbackValue = "",
            description = {"Measure the facial landmark predictor instead: model load time and faces per second on one",
                "thread (--iterations passes of " + LandmarkBenchmark.FACES_PER_PASS + " rendered faces). MODEL: dlib's shape predictor",
                "(default: $" + ShapePredictorFile.ENVIRONMENT + ", else Debian's libdlib-data file)."})
    String landmarks;

    @Option(names = "--faces", description = {"Measure the face detectors instead: on the real frames of a data set with true face",
        "boxes (-d, e.g. lvnet synth's), and/or on PICTURES (boxes per picture). Every bundled detector unless",
        "--detector or --detector-model names one."})
    boolean faces;

    @Option(names = "--scan", description = {"Measure whole scans instead: PICTURES (images and videos; default: a rendered",
        "video of two people side by side, 32 frames) scanned --iterations times as 'lvnet detect' scans them, and the",
        "share of the time spent measuring face quality and linking faces into people."})
    boolean scan;

    @Option(names = "--augment", description = {"Measure the training augmentation instead: --iterations samples (decode, augment,",
        "normalise) at --size on --threads threads, on PICTURES' first (a face, or a composite face | mask | mask) or a",
        "synthetic face."})
    boolean augment;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
            description = "With --augment: threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--loader", paramLabel = "CONFIG", description = {"Measure a training configuration's loader instead: faces per",
        "second and CPU ms per face over --iterations batches, without and with its self-blending, twice."})
    Path loader;

    @Option(names = {"-d", "--data"}, paramLabel = "DIR", description = {"With --faces: a data set in the canonical layout. With",
        "--weights and --precision bf16: also score its --split faces in float32 and in bfloat16 and report how far apart",
        "they are (frame AUC, fake and patch probabilities)."})
    Path data;

    @Option(names = "--split", defaultValue = "test", paramLabel = "NAME",
            description = "With --faces: the split whose real frames are used; with --weights, the split scored (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "With --faces: at most N frames, evenly spread over the split (default: all).")
    int limit;

    @Mixin
    FaceDetectorOptions detector;

    @Parameters(arity = "0..*", paramLabel = "PICTURES", description = "With --faces: images or folders to count the boxes in; with --scan, files to scan; with --augment, a picture.")
    List<Path> pictures;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("--batch and --iterations must be at least 1, --warmup at least 0");
        }
        if (landmarks != null) {
            return landmarks();
        }
        if (faces) {
            return new FaceBench(detector, data, split, limit, pictures, json).run();
        }
        if (scan) {
            return scan();
        }
        if (augment) {
            return augment();
        }
        if (loader != null) {
            return loader();
        }
        if (pictures != null && !pictures.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "PICTURES go with --faces, --scan or --augment");
        }
        if (data != null && (train || weights == null)) {
            throw new ParameterException(spec.commandLine(), "-d goes with --faces, or with --weights to measure bfloat16's "
                    + "deviation from float32 on the data set's faces");
        }
        LvNetConfig config = new LvNetConfig(semi ? Variant.SEMI_SUPERVISED : Variant.SUPERVISED, size, width);
        if (serve) {
            return serve(config);
        }
        InferenceBenchmark.Result r;
        InferenceBenchmark.Deviation deviation = null;
        // training: bfloat16 mixed precision only when asked for by name (auto stays float32)
        Precision precision = train ? (precisionOption.asked() == Precision.BF16 ? Precision.BF16 : Precision.FP32)
                : precisionOption.asked().on(io.lvnet.platform.CpuFeatures.here());
        if (data != null && precision != Precision.BF16) {
            throw new ParameterException(spec.commandLine(), "-d measures bfloat16's deviation from float32: it needs "
                    + "--precision bf16 (" + precisionOption.asked().label() + " computes in fp32 here)");
        }
        PrecisionDeviation onFaces = null;
        if (train) {
            try (ProgressBar bar = new ProgressBar("steps", warmup + iterations)) {
                r = io.lvnet.train.TrainingBenchmark.run(config, new io.lvnet.train.StepOptions(true, recomputeChoice())
                        .withBfloat16(precision == Precision.BF16), batch, warmup, iterations, bar);
            }
        } else {
            try (LvNetModel model = weights == null ? LvNetModel.create(config) : LvNetModel.load(weights, size);
                    ProgressBar bar = new ProgressBar("passes", warmup + iterations)) {
                io.lvnet.eval.Evaluation fp32 = data == null ? null : scoreFaces(model);
                deviation = precision == Precision.BF16 ? InferenceBenchmark.switchToBfloat16(model, batch) : null;
                onFaces = fp32 == null ? null : PrecisionDeviation.between(fp32, scoreFaces(model));
                r = InferenceBenchmark.run(model, batch, warmup, iterations, bar);
            }
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode o = mapper.valueToTree(r);
            o.put("precision", precision.label());
            if (train) {
                o.put("recompute", recomputeChoice().id());
            }
            o.set("cpu", mapper.valueToTree(io.lvnet.platform.CpuFeatures.here()));
            if (deviation != null) {
                o.set("deviation_from_fp32", mapper.valueToTree(deviation));
            }
            if (onFaces != null) {
                o.set("deviation_on_faces", mapper.valueToTree(onFaces));
            }
            System.out.println(mapper.writeValueAsString(o));
        } else {
            System.out.printf("%d px, width %s, %,d parameters, batch %d; %s%n", r.inputSize(), r.width(), r.parameters(),
                    r.batch(), io.lvnet.platform.CpuFeatures.here().summary());
            System.out.printf("%s: %.2f images/s, median %.0f ms per batch, peak RSS %d MB (%s)%n",
                    (train ? "training " + precision.label() + ", recompute " + recomputeChoice().id() : "inference " + precision.label()),
                    r.imagesPerSecond(), r.msPerBatchMedian(), r.peakRssMb(),
                    r.allocator());
            printResidentMemory(r);
            if (deviation != null) {
                System.out.printf("deviation from fp32: fake probability at most %.2e, patch probability at most %.2e, "
                        + "logits relative L2 %.2e%n", deviation.maxAbsProbability(), deviation.maxAbsPatchProbability(),
                        deviation.logitsRelativeL2());
            }
            if (onFaces != null) {
                System.out.printf("on %d faces of %s (%s): frame AUC %.4f in fp32, %.4f in bf16; fake probability %.4f apart "
                        + "at most, %.4f on average; patch probability %.4f at most%n", onFaces.faces(), data, split,
                        onFaces.frameAucFp32(), onFaces.frameAucBf16(), onFaces.maxAbsProbability(), onFaces.meanAbsProbability(),
                        onFaces.maxAbsPatchProbability());
            }
        }
        return 0;
    }

    /** The faces of -d's --split, scored as the model computes now. */
    private io.lvnet.train.Recompute recomputeChoice() {
        try {
            return io.lvnet.train.Recompute.of(recompute);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--recompute must be all, early or none, not '" + recompute + "'");
        }
    }

    private io.lvnet.eval.Evaluation scoreFaces(LvNetModel model) throws java.io.IOException {
        io.lvnet.data.FrameDataset ds = new io.lvnet.data.readers.DatasetLocation(io.lvnet.data.readers.DataLayout.of("canonical"),
                data, java.util.Map.of(), null).open();
        return SplitScoring.score(model, ds, split, null, 16, 2, null, 0);
    }

    private Integer augment() throws Exception {
        byte[] composite = pictures == null || pictures.isEmpty()
                ? io.lvnet.augment.AugmentationBenchmark.syntheticComposite(300, 1)
                : io.lvnet.augment.AugmentationBenchmark.asComposite(java.nio.file.Files.readAllBytes(pictures.get(0)));
        io.lvnet.augment.AugmentationBenchmark.Result r = io.lvnet.augment.AugmentationBenchmark.run(composite,
                io.lvnet.augment.AugmentationRecipe.reference(size), threads, iterations, 42);
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(r));
        } else {
            System.out.printf(java.util.Locale.ROOT, "%d augmented %d px samples on %d threads (%d KiB PNG) in %.2f s: %.1f samples/s%n",
                    r.samples(), size, r.threads(), composite.length / 1024, r.seconds(), r.samplesPerSecond());
        }
        return 0;
    }

    private Integer loader() throws Exception {
        io.lvnet.train.TrainConfig config = io.lvnet.train.TrainConfig.read(loader, List.of());
        List<io.lvnet.train.LoaderBenchmark.Round> rounds = io.lvnet.train.LoaderBenchmark.run(config, iterations);
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(rounds));
            return 0;
        }
        for (io.lvnet.train.LoaderBenchmark.Round r : rounds) {
            System.out.printf(java.util.Locale.ROOT, "round %d, self-blend %-3s: %d faces, %.1f faces/s on %d loader threads, "
                    + "%.1f CPU ms per face%n", r.round(), r.selfBlend() ? "on" : "off", r.result().faces(),
                    r.result().facesPerSecond(), r.workers(), r.result().cpuMsPerFace());
        }
        return 0;
    }

    private Integer scan() throws Exception {
        Path tmp = null;
        List<Path> files = pictures;
        try {
            if (files == null || files.isEmpty()) {
                tmp = java.nio.file.Files.createTempDirectory("lvnet-bench-scan");
                Path video = tmp.resolve("two-people.mkv");
                io.lvnet.data.VideoFiles.write(video, io.lvnet.synth.Portraits.sideBySide(
                        io.lvnet.synth.Portraits.clip(21, 160, 32), io.lvnet.synth.Portraits.clip(34, 160, 32), 40),
                        io.lvnet.data.CompressionLevel.NONE);
                files = List.of(video);
            } else {
                files = io.lvnet.files.InputFiles.expand(files);
            }
            LvNetConfig config = new LvNetConfig(semi ? Variant.SEMI_SUPERVISED : Variant.SUPERVISED, size, width);
            io.lvnet.detect.ScanBenchmark.Result r;
            try (LvNetModel model = weights == null ? LvNetModel.create(config) : LvNetModel.load(weights, size);
                    io.lvnet.data.FaceFinder finder = io.lvnet.data.FaceFinder.using(detector.choice(), 1.3, false);
                    ProgressBar bar = new ProgressBar("passes", iterations)) {
                r = io.lvnet.detect.ScanBenchmark.run(model, finder, files, 32, Math.max(batch, 8), iterations, bar);
            }
            if (json) {
                System.out.println(new ObjectMapper().writeValueAsString(r));
            } else {
                System.out.printf(java.util.Locale.ROOT, "%d file(s), %d faces per pass, %d passes: %.2f s per pass; face quality "
                        + "%.2f %%, linking faces into people %.2f %% of the time%n", r.files(), r.faces(), iterations,
                        r.seconds() / iterations, 100 * r.qualityShare(), 100 * r.trackingShare());
            }
            return 0;
        } finally {
            if (tmp != null) {
                try (var s = java.nio.file.Files.walk(tmp)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /**
     * Resident memory after each pass and the most each pass held, and their growth from pass 10
     * on (the first passes fill libtorch's and the allocator's pools), so that a long benchmark
     * shows whether memory is flat.
     */
    private static void printResidentMemory(InferenceBenchmark.Result r) {
        long[] rss = r.rssMbPerPass();
        if (rss.length == 0 || rss[0] < 0) {
            return;
        }
        int from = Math.min(10, rss.length);
        System.out.printf("resident memory: %d MB after pass %d, %d MB after the last (%d), at most %d MB; growth from pass %d: %+.1f %%%n",
                rss[from - 1], from, rss[rss.length - 1], rss.length, java.util.Arrays.stream(rss).max().orElseThrow(),
                from, 100 * r.rssGrowthFrom(from));
        long[] peaks = r.peakRssMbPerPass();
        if (peaks.length == rss.length && peaks[0] >= 0) {
            System.out.printf("working set (the most each pass held): %d MB in pass %d, %d MB in the last, at most %d MB;"
                    + " growth from pass %d: %+.1f %%%n", peaks[from - 1], from, peaks[peaks.length - 1],
                    java.util.Arrays.stream(peaks).max().orElseThrow(), from, 100 * r.peakGrowthFrom(from));
        }
    }

    /** The landmark predictor's load time and speed on one thread. */
    private int landmarks() throws Exception {
        LandmarkModelOption option = new LandmarkModelOption();
        option.model = landmarks.isEmpty() ? null : Path.of(landmarks);
        List<LandmarkBenchmark.Face> faces = io.lvnet.synth.Portraits.landmarkBenchmarkFaces(16);
        LandmarkBenchmark.Result r;
        try {
            r = LandmarkBenchmark.run(option.path(), faces, warmup, iterations, LandmarkBenchmark.FACES_PER_PASS);
        } catch (io.lvnet.landmarks.LandmarkModelException e) {
            throw LandmarkModelOption.asFailure(e);
        }
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(r));
        } else {
            System.out.printf("%s: %d points, %d trees, loaded in %.0f ms (%.0f ms CPU)%n", r.model(), r.parts(), r.trees(),
                    r.loadMs(), r.loadCpuMs());
            System.out.printf("landmarks on one thread: %.0f faces/s, median %.3f ms per face (best pass %.3f ms); "
                    + "CPU time %.3f ms per face (%.0f faces per CPU second); %d passes of %d faces%n",
                    r.facesPerSecond(), r.msPerFaceMedian(), r.msPerFaceBest(), r.cpuMsPerFaceMedian(), r.facesPerCpuSecond(),
                    r.passes(), r.facesPerPass());
        }
        return 0;
    }

    /** The service under load: an in-process server on a free loopback port. */
    private int serve(LvNetConfig config) throws Exception {
        if (clients < 1 || requests < 1 || (workers != null && workers < 1)) {
            throw new IllegalArgumentException("--clients, --requests and --workers must be at least 1");
        }
        int w = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        // queue room for every client: the benchmark measures service, not refusals
        ServeConfig sc = new ServeConfig("127.0.0.1", 0, w, Math.max(2 * w, clients), 2 * (w + Math.max(2 * w, clients)), batch, null);
        List<byte[]> faces = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            faces.add(Portraits.png(1000 + i, 64 + i * 96 / 7)); // 64 .. 160 px
        }
        EngineThreads.use(EngineThreads.perWorker(w)); // as lvnet serve does
        LoadTest.Report report;
        try (LvNetModel model = weights == null ? LvNetModel.create(config) : LvNetModel.load(weights, size);
                DetectServer server = DetectServer.start(sc, ServeLimits.defaults(), LvnetCommand.version())) {
            server.ready(new ModelDetector(model, batch), ServiceInfo.model(weights, model));
            System.err.printf("lvnet bench: %s on %d px, width %s; %d workers x %d threads; %d clients x %d requests%n",
                    weights == null ? "random weights" : weights.getFileName(), model.config().inputSize(), model.config().width(),
                    w, EngineThreads.current(), clients, requests);
            report = LoadTest.run(server.uri(), faces, clients, requests, 2 * w, Duration.ofMinutes(30));
        }
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(report));
        } else {
            System.out.println(report.describe());
        }
        return report.errors() == 0 ? 0 : OneLineErrors.FAILED;
    }
}
