package io.lvnet.synth;

import io.lvnet.blend.RenderedFrame;

import io.lvnet.blend.ForgeryMask;

import io.lvnet.blend.Forgery;

import io.lvnet.data.CanonicalDatasetWriter;
import io.lvnet.data.CanonicalLayout;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FaceBox;
import io.lvnet.data.FaceDetector;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.PerThreadFaceDetectors;
import io.lvnet.data.Raster;
import io.lvnet.data.Split;
import io.lvnet.data.VideoFiles;
import io.lvnet.progress.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Generates a synthetic deepfake dataset: real clips of rendered people, one fake clip per
 * manipulation method from each, every clip at each compression level, written in the canonical
 * layout with masks, regions and (optionally) mp4 videos in FaceForensics++'s layout.
 *
 * <p>Clips are generated in parallel, one task per real video; everything a task draws comes
 * from streams derived from the seed and the video's number ({@link SynthPlan}), and the index
 * is sorted before it is written, so the output is byte-for-byte the same for the same seed,
 * whatever the number of threads.
 *
 * <p>Compressed frames are the frames of the compressed videos, decoded, as frames extracted
 * from FF++'s c23 and c40 videos are. Uncompressed frames are the renders themselves.
 */
public final class SynthGenerator {
    private final SynthOptions options;
    private final SynthPlan plan;
    private final FaceRenderer renderer;

    /** A generator for the given options. */
    public SynthGenerator(SynthOptions options) {
        this.options = options;
        this.plan = new SynthPlan(options);
        this.renderer = new FaceRenderer(options.size());
    }

    /** The plan: identities, splits, pairs. */
    public SynthPlan plan() {
        return plan;
    }

    /**
     * Writes the dataset.
     *
     * @param out a folder that does not exist or is empty
     * @param generator the name and version written into {@code dataset.json}
     * @param progress told after every frame image
     * @return what was written, with the shortcut check and the face detection rate
     */
    public SynthSummary generate(Path out, String generator, ProgressListener progress) throws IOException {
        long start = System.nanoTime();
        CanonicalDatasetWriter writer = CanonicalDatasetWriter.create(out);
        Path work = Files.createDirectories(out.resolve(".work"));
        PerThreadFaceDetectors detectors = new PerThreadFaceDetectors();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "lvnet-synth");
            t.setDaemon(true);
            return t;
        });
        List<ClipResult> results = new ArrayList<>();
        try {
            List<Future<ClipResult>> futures = new ArrayList<>();
            for (int v = 0; v < plan.videoCount(); v++) {
                int video = v;
                futures.add(pool.submit(() -> new ClipTask(video, writer, work, detectors.get(), progress).run()));
            }
            for (Future<ClipResult> f : futures) {
                results.add(f.get());
            }
        } catch (ExecutionException e) {
            pool.shutdownNow();
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            pool.shutdown();
            awaitQuietly(pool);
            detectors.close();
            deleteTree(work);
        }

        List<Sample> samples = new ArrayList<>();
        int checked = 0;
        int detected = 0;
        for (ClipResult r : results) {
            samples.addAll(r.samples);
            checked += r.detectorFrames;
            detected += r.detectorHits;
        }
        samples.sort(Comparator.comparing(Sample::image));
        int[] labels = samples.stream().mapToInt(Sample::label).toArray();
        ShortcutCheck.Result shortcut = ShortcutCheck.evaluate(samples.stream().map(Sample::features).toList(), labels);
        String detector = detectors.choice().describe();
        List<FrameRecord> records = writer.finish(description(generator, shortcut, detector, checked, detected));
        return new SynthSummary(records, shortcut, detector, checked, detected, (System.nanoTime() - start) / 1e9);
    }

    private Map<String, Object> description(String generator, ShortcutCheck.Result shortcut, String detector, int checked,
            int detected) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("generator", generator);
        d.put("source", "synthetic");
        d.put("seed", options.seed());
        d.put("size", options.size());
        d.put("identities", options.identities());
        d.put("videos_per_identity", options.videosPerIdentity());
        d.put("frames_per_video", options.frames());
        d.put("methods", options.methods().stream().map(Method::id).toList());
        d.put("compressions", options.compressions().stream().map(CompressionLevel::id).toList());
        Map<String, Object> codec = new LinkedHashMap<>();
        codec.put("fps", VideoFiles.FPS);
        for (CompressionLevel c : CompressionLevel.values()) {
            codec.put(c.id(), c == CompressionLevel.NONE ? VideoFiles.encoder(c) + " lossless 4:4:4"
                    : VideoFiles.encoder(c) + " 4:2:0 quantiser " + VideoFiles.quantiser(c));
        }
        codec.put("videos_kept", options.videos());
        d.put("video_codec", codec);
        d.put("masks", "pixels whose value the manipulation changed, before compression; real frames have no mask file");
        d.put("face_box", "true box from cheek to cheek and from just above the brows to the chin");
        Map<String, Object> faces = new LinkedHashMap<>();
        faces.put("detector", detector + " (lvnet detect's and prepare's default)");
        faces.put("frames", checked);
        faces.put("detected", detected);
        faces.put("rate", checked == 0 ? 0 : round((double) detected / checked));
        d.put("face_detector_on_real_frames", faces);
        Map<String, Object> sc = new LinkedHashMap<>();
        shortcut.featureAuc().forEach((k, v) -> sc.put(k, round(v)));
        sc.put("logistic_regression", round(shortcut.combinedAuc()));
        d.put("shortcut_check_auc", sc);
        return d;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    /** One real video and its fakes. */
    private final class ClipTask {
        private final int v;
        private final CanonicalDatasetWriter writer;
        private final Path work;
        private final FaceDetector detector;
        private final ProgressListener progress;
        private final ClipResult result = new ClipResult();

        ClipTask(int v, CanonicalDatasetWriter writer, Path work, FaceDetector detector, ProgressListener progress) {
            this.v = v;
            this.writer = writer;
            this.work = work;
            this.detector = detector;
            this.progress = progress;
        }

        ClipResult run() throws IOException {
            SynthPlan.Video a = plan.video(v);
            int s = plan.source(v);
            SynthPlan.Video b = plan.video(s);
            Split split = plan.split(a.identity());
            String target = SynthPlan.identityId(a.identity());
            String source = SynthPlan.identityId(b.identity());
            int frames = options.frames();
            List<RenderedFrame> reals = new ArrayList<>(frames);
            for (int f = 0; f < frames; f++) {
                reals.add(renderer.render(a.scene(), a.person(), a.expressions().get(f), a.poses().get(f), plan.noise(v, f)));
                checkFace(reals.get(f));
            }
            List<FaceBox> boxes = reals.stream().map(RenderedFrame::box).toList();
            Clip real = new Clip(FrameRecord.ORIGINAL, SynthPlan.videoId(v), 0, target, null, split,
                    reals.stream().map(RenderedFrame::image).toList(), null,
                    reals.stream().map(RenderedFrame::regions).toList(), boxes);
            write(real);
            for (Method m : options.methods()) {
                Manipulation manipulation = Manipulation.create(m, plan.manipulation(m, v));
                List<Raster> images = new ArrayList<>(frames);
                List<Raster> masks = new ArrayList<>(frames);
                List<RenderedFrame.Regions> regions = new ArrayList<>(frames);
                for (int f = 0; f < frames; f++) {
                    Forgery forgery = manipulation.forge(new ForgeryInput(renderer, a.scene(), a.person(),
                            a.expressions().get(f), a.poses().get(f), reals.get(f), b.person(), b.scene(),
                            b.expressions().get(f), b.poses().get(f), plan.noise(s, f), plan.forgery(m, v, f)));
                    images.add(forgery.image());
                    masks.add(ForgeryMask.of(reals.get(f).image(), forgery.image()));
                    regions.add(forgery.regions());
                }
                write(new Clip(m.id(), plan.fakeVideoId(v), 1, target, source, split, images, masks, regions, boxes));
            }
            return result;
        }

        private void checkFace(RenderedFrame frame) {
            try (Mat m = frame.image().toMat()) {
                List<FaceBox> found = detector.detect(m);
                result.detectorFrames++;
                if (found.stream().anyMatch(box -> box.iou(frame.box()) >= 0.3)) {
                    result.detectorHits++;
                }
            }
        }

        private void write(Clip clip) throws IOException {
            int frames = clip.images.size();
            for (int f = 0; f < frames; f++) {
                RenderedFrame.Regions r = clip.regions.get(f);
                FrameRecord.Regions paths = CanonicalLayout.regions(clip.method, clip.video, f);
                writer.write(paths.mouth(), r.mouth().png());
                writer.write(paths.eyes(), r.eyes().png());
                writer.write(paths.nose(), r.nose().png());
                if (clip.masks != null) {
                    writer.write(CanonicalLayout.mask(clip.method, clip.video, f), clip.masks.get(f).png());
                }
            }
            if (clip.masks != null && options.videos()) {
                VideoFiles.write(writer.prepare(CanonicalLayout.maskVideo(clip.method, clip.video)), clip.masks,
                        CompressionLevel.NONE);
            }
            for (CompressionLevel level : options.compressions()) {
                List<Raster> images = encoded(clip, level);
                for (int f = 0; f < frames; f++) {
                    String image = CanonicalLayout.frame(level, clip.method, clip.video, f);
                    writer.write(image, images.get(f).png());
                    writer.add(new FrameRecord(image, clip.masks == null ? null : CanonicalLayout.mask(clip.method, clip.video, f),
                            CanonicalLayout.regions(clip.method, clip.video, f), clip.label, clip.video, clip.method, level,
                            clip.split, clip.identity, clip.sourceIdentity, f, clip.boxes.get(f)));
                    result.samples.add(new Sample(image, clip.label, ShortcutCheck.features(images.get(f))));
                    progress.advance(1);
                }
            }
        }

        /** The clip's frames at a compression level: the renders, or the compressed video decoded. */
        private List<Raster> encoded(Clip clip, CompressionLevel level) throws IOException {
            if (level == CompressionLevel.NONE && !options.videos()) {
                return clip.images;
            }
            Path file = options.videos() ? writer.prepare(CanonicalLayout.video(clip.method, level, clip.video))
                    : Files.createTempFile(work, "clip", ".mp4");
            try {
                VideoFiles.write(file, clip.images, level);
                if (level == CompressionLevel.NONE) {
                    return clip.images;
                }
                return VideoFiles.read(file, options.size(), options.size());
            } finally {
                if (!options.videos()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** A clip ready to write. */
    private record Clip(String method, String video, int label, String identity, String sourceIdentity, Split split,
            List<Raster> images, List<Raster> masks, List<RenderedFrame.Regions> regions, List<FaceBox> boxes) {
    }

    /** What a task reports besides its files. */
    private static final class ClipResult {
        final List<Sample> samples = new ArrayList<>();
        int detectorFrames;
        int detectorHits;
    }

    private record Sample(String image, int label, double[] features) {
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
