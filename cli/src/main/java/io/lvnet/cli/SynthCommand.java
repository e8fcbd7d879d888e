package io.lvnet.cli;

import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Split;
import io.lvnet.synth.Method;
import io.lvnet.blend.SelfBlendGenerator;
import io.lvnet.synth.ShortcutCheck;
import io.lvnet.synth.SynthGenerator;
import io.lvnet.synth.SynthOptions;
import io.lvnet.synth.SynthSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lvnet synth}: a synthetic deepfake dataset, or self-blended fakes from real faces. */
@Command(name = "synth", header = "Generate a synthetic deepfake dataset with exact forgery masks.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Generate a synthetic deepfake dataset with exact forgery masks, to train on",
            "and to test the pipeline without real data. Rendered people (varied face",
            "shape, skin, eyes, brows, nose, mouth, hair) talk and move in front of",
            "cluttered backgrounds. Every real clip gets one fake per method, modelled",
            "on FaceForensics++ (FF++):",
            "  Deepfakes       inner-face identity swap: soft mask, colour and",
            "                  resolution mismatch",
            "  Face2Face       mouth and jaw re-enactment",
            "  FaceSwap        landmark-warped swap with a hard seam",
            "  NeuralTextures  mouth re-render with upsampling artefacts",
            "Each clip is written at each compression level: none, light, heavy (FF++",
            "raw, c23, c40). Identities never cross the train/val/test splits.",
            "",
            "With --self-blend, make one self-blended fake (SBI) of every real face in",
            "--from instead: a folder of face crops (one sub-folder per video) or a",
            "dataset in the canonical layout.",
            "",
            "Output (see the README): DIR/index.csv (one row per frame: image, mask,",
            "regions, label, video, method, compression, split, identity, face box),",
            "DIR/dataset.json, frames/, masks/, regions/, and mp4 videos in FF++'s",
            "layout (original_sequences/, manipulated_sequences/<method>/, masks).",
            "The same seed gives the same bytes. Progress goes to stderr.",
            ""},
        footer = {"", "Examples:",
            "  lvnet synth --out synth-data",
            "  lvnet synth --out tiny --identities 6 --videos 1 --frames 4 --size 128 \\",
            "      --compression none",
            "  lvnet synth --self-blend --from my-real-crops --out sbi-data"})
public final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder to write; must not exist or be empty.")
    Path out;

    @Option(names = "--identities", defaultValue = "12", paramLabel = "N",
            description = "People (at least 2; val and test get 15 %% each from 6 on). Default: ${DEFAULT-VALUE}.")
    int identities;

    @Option(names = "--videos", defaultValue = "2", paramLabel = "N", description = "Real videos per person. Default: ${DEFAULT-VALUE}.")
    int videos;

    @Option(names = "--frames", defaultValue = "8", paramLabel = "F", description = "Frames per video. Default: ${DEFAULT-VALUE}.")
    int frames;

    @Option(names = "--size", paramLabel = "PX",
            description = "Frame side length. Default: 299 (with --self-blend from a dataset: the dataset's size).")
    Integer size;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--compression", split = ",", paramLabel = "LEVEL", defaultValue = "none,light,heavy",
            description = "Compression levels to write, comma-separated: none, light, heavy. Default: ${DEFAULT-VALUE}.")
    List<String> compression;

    @Option(names = "--methods", split = ",", paramLabel = "METHOD",
            defaultValue = "Deepfakes,Face2Face,FaceSwap,NeuralTextures",
            description = "Manipulations, comma-separated. Default: all four.")
    List<String> methods;

    @Option(names = "--no-videos", description = "Do not keep the mp4 videos (compressed frames are still decoded from them).")
    boolean noVideos;

    @Option(names = "--threads", paramLabel = "N", description = "Clips generated at once. Default: the number of CPUs.")
    Integer threads;

    @Option(names = "--self-blend", description = "Make self-blended fakes from the real faces in --from.")
    boolean selfBlend;

    @Option(names = "--from", paramLabel = "DIR", description = "With --self-blend: a folder of face crops or a canonical dataset.")
    Path from;

    @Override
    public Integer call() throws Exception {
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        String generator = "lvnet synth " + LvnetCommand.version();
        if (selfBlend) {
            if (from == null) {
                throw new ParameterException(spec.commandLine(), "--self-blend needs --from DIR");
            }
            return selfBlend(workers, generator + " --self-blend");
        }
        if (from != null) {
            throw new ParameterException(spec.commandLine(), "--from is only used with --self-blend");
        }
        SynthOptions options;
        try {
            options = new SynthOptions(identities, videos, frames, size != null ? size : 299, seed, levels(), methods(), !noVideos, workers);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        SynthSummary summary;
        try (ProgressBar bar = new ProgressBar("frames", options.frameImages())) {
            summary = new SynthGenerator(options).generate(out, generator, bar);
        }
        List<FrameRecord> f = summary.frames();
        System.out.printf("wrote %s: %s%n", out, describe(f));
        System.out.printf("methods: %s; compression: %s; videos: %s%n",
                String.join(", ", options.methods().stream().map(Method::id).toList()),
                String.join(", ", options.compressions().stream().map(CompressionLevel::id).toList()),
                options.videos() ? "kept" : "not kept");
        System.out.printf(Locale.ROOT, "face detector (%s) found the face in %d of %d real frames (%.1f %%)%n",
                summary.detector(), summary.detectorHits(), summary.detectorFrames(), 100 * summary.detectorRate());
        ShortcutCheck.Result s = summary.shortcut();
        System.out.printf(Locale.ROOT, "shortcut check, AUC of trivial classifiers (0.5: no shortcut): mean B/G/R %.3f/%.3f/%.3f,"
                + " high frequency %.3f, logistic regression %.3f%s%n", s.featureAuc().get("mean_blue"),
                s.featureAuc().get("mean_green"), s.featureAuc().get("mean_red"), s.featureAuc().get("high_frequency"),
                s.combinedAuc(), s.real() < 30 ? " (too few real frames to mean much)" : "");
        System.out.printf(Locale.ROOT, "%.1f s, %.1f frames/s%n", summary.seconds(), summary.framesPerSecond());
        return 0;
    }

    private int selfBlend(int workers, String generator) throws Exception {
        int px = size != null ? size : SelfBlendGenerator.defaultSize(from);
        if (px < 32) {
            throw new ParameterException(spec.commandLine(), "size must be at least 32 pixels, got " + px);
        }
        long start = System.nanoTime();
        List<FrameRecord> f;
        try (ProgressBar bar = new ProgressBar("faces", 0)) {
            f = new SelfBlendGenerator(seed, px, workers).generate(from, out, generator, bar);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("wrote %s: %s%n", out, describe(f));
        System.out.printf(Locale.ROOT, "%.1f s, %.1f frames/s%n", secs, f.size() / Math.max(1e-9, secs));
        return 0;
    }

    private static String describe(List<FrameRecord> f) {
        long real = f.stream().filter(r -> !r.fake()).count();
        List<String> splits = new ArrayList<>();
        for (Split s : Split.values()) {
            long n = f.stream().filter(r -> r.split() == s).map(FrameRecord::identity).distinct().count();
            if (n > 0) {
                splits.add(s.id() + " " + n);
            }
        }
        return String.format(Locale.ROOT, "%d frames (%d real, %d fake), %d videos, %d identities (%s)", f.size(), real,
                f.size() - real, f.stream().map(r -> r.method() + "/" + r.video()).distinct().count(),
                f.stream().map(FrameRecord::identity).distinct().count(), String.join(", ", splits));
    }

    private List<CompressionLevel> levels() {
        List<CompressionLevel> out = new ArrayList<>();
        for (String c : compression) {
            try {
                out.add(CompressionLevel.of(c.trim()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return out;
    }

    private List<Method> methods() {
        List<Method> out = new ArrayList<>();
        for (String m : methods) {
            try {
                out.add(Method.of(m.trim()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return out;
    }
}
