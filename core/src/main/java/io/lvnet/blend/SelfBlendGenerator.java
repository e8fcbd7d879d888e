package io.lvnet.blend;






import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.data.CanonicalDataset;
import io.lvnet.data.CanonicalDatasetWriter;
import io.lvnet.data.CanonicalLayout;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FaceBox;
import io.lvnet.data.FaceDetector;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.PerThreadFaceDetectors;
import io.lvnet.data.IdentitySplits;
import io.lvnet.data.OpenCvImages;
import io.lvnet.data.Raster;
import io.lvnet.data.Split;
import io.lvnet.files.InputFiles;
import io.lvnet.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Builds a training set from real faces only: every real face crop is written with one
 * self-blended fake of itself ({@link SelfBlend}), in the canonical layout.
 *
 * <p>The input is either a dataset in the canonical layout (its real frames are used with their
 * identities, videos, splits, compression, face boxes and regions), or any folder of face crops.
 * In a plain folder each sub-folder is one video and one identity (named after its path, with
 * {@code /} as {@code _}); images directly in the folder are each their own. Splits are then
 * assigned by identity ({@link IdentitySplits}), and the face box comes from the default face
 * detector ({@link io.lvnet.data.FaceDetectorChoice#DEFAULT}), or, where it finds nothing, is taken as the crop's central part (a face crop).
 *
 * <p>Every real image is resized to the output size. Fakes are named like their real frame under
 * the method {@code SelfBlended}; when the input holds a frame at several compression levels,
 * each level's fake gets its own video name {@code <video>_<level>} (a blend made after
 * compression differs per level, and masks are stored once per video and frame).
 */
public final class SelfBlendGenerator {
    /** The method name of self-blended fakes. */
    public static final String METHOD = "SelfBlended";

    private final long seed;
    private final int size;
    private final int threads;

    /**
     * @param seed seeds every blend
     * @param size output side length in pixels
     * @param threads images processed at once
     */
    public SelfBlendGenerator(long seed, int size, int threads) {
        if (size < 32) {
            throw new IllegalArgumentException("size must be at least 32 pixels, got " + size);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.seed = seed;
        this.size = size;
        this.threads = threads;
    }

    /**
     * The output size to use when none is given: a canonical dataset's own frame size (from its
     * {@code dataset.json}), else 299.
     */
    public static int defaultSize(Path from) {
        Path json = from.resolve(CanonicalLayout.DESCRIPTION);
        if (Files.isRegularFile(json)) {
            try {
                int size = new ObjectMapper().readTree(json.toFile()).path("size").asInt(0);
                if (size > 0) {
                    return size;
                }
            } catch (IOException e) {
                // an unreadable description is reported when the dataset is opened
            }
        }
        return 299;
    }

    /** One real face to blend; {@code ownsRegions}: the first of a frame's compression levels writes its regions. */
    private record Source(Path file, String identity, String video, int frame, Split split, CompressionLevel compression,
            FaceBox box, Path[] regions, boolean ownsRegions) {
    }

    /**
     * The real faces the input provides, in a fixed order.
     *
     * @throws IOException if the input cannot be read or has no real faces
     */
    private List<Source> sources(Path from) throws IOException {
        List<Source> out = new ArrayList<>();
        if (Files.isRegularFile(from.resolve(CanonicalLayout.INDEX))) {
            CanonicalDataset in = CanonicalDataset.open(from);
            Set<String> seen = new HashSet<>();
            for (FrameRecord r : in.frames()) {
                if (r.fake()) {
                    continue;
                }
                boolean owns = seen.add(r.video() + "/" + r.frame());
                Path[] regions = r.regions() == null ? null : new Path[] {in.resolve(r.regions().mouth()),
                    in.resolve(r.regions().eyes()), in.resolve(r.regions().nose())};
                out.add(new Source(in.resolve(r.image()), r.identity(), r.video(), r.frame(), r.split(), r.compression(),
                        r.box(), regions, owns));
            }
        } else if (Files.isDirectory(from)) {
            List<Path> files = InputFiles.expand(List.of(from));
            Map<String, Integer> next = new HashMap<>();
            List<String[]> named = new ArrayList<>();
            for (Path f : files) {
                Path rel = from.relativize(f);
                String name = rel.getParent() == null ? stem(rel.getFileName().toString())
                        : rel.getParent().toString().replace('\\', '_').replace('/', '_');
                named.add(new String[] {f.toString(), name});
            }
            Map<String, Split> splits = IdentitySplits.assign(named.stream().map(n -> n[1]).toList(),
                    Rng.derive(seed, "split", 0).nextLong());
            for (String[] n : named) {
                int frame = next.merge(n[1], 1, Integer::sum) - 1;
                out.add(new Source(Path.of(n[0]), n[1], n[1], frame, splits.get(n[1]), CompressionLevel.NONE, null, null, false));
            }
        } else {
            throw new NoSuchFileException(from.toString(), null, "no such folder");
        }
        if (out.isEmpty()) {
            throw new IOException("no real face images in " + from);
        }
        return out;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Writes the reals and their self-blended fakes.
     *
     * @param from a canonical dataset folder or a folder of face crops
     * @param out a folder that does not exist or is empty
     * @param generator the name and version written into {@code dataset.json}
     * @param progress told after every real image
     */
    public List<FrameRecord> generate(Path from, Path out, String generator, ProgressListener progress)
            throws IOException {
        List<Source> sources = sources(from);
        boolean perLevel = sources.stream().map(Source::compression).distinct().count() > 1;
        // the splits are the input's, which keep people apart only if the input did (lvnet prepare's need not)
        CanonicalDatasetWriter writer = CanonicalDatasetWriter.create(out).allowSharedIdentities();
        PerThreadFaceDetectors detectors = new PerThreadFaceDetectors();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lvnet-selfblend");
            t.setDaemon(true);
            return t;
        });
        int[] detected = new int[1];
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                Source s = sources.get(i);
                Rng rng = Rng.derive(seed, "selfblend", i);
                futures.add(pool.submit(() -> {
                    boolean found = one(s, rng, perLevel, writer, detectors);
                    progress.advance(1);
                    return found;
                }));
            }
            for (Future<Boolean> f : futures) {
                detected[0] += f.get() ? 1 : 0;
            }
        } catch (ExecutionException e) {
            pool.shutdownNow();
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            detectors.close();
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("generator", generator);
        d.put("source", "self-blended");
        d.put("from", from.toAbsolutePath().normalize().getFileName() == null ? ""
                : from.toAbsolutePath().normalize().getFileName().toString());
        d.put("seed", seed);
        d.put("size", size);
        d.put("masks", "pixels the blend changed; real frames have no mask file");
        d.put("face_detector", detectors.choice().describe());
        d.put("face_boxes_from_detector", detected[0]);
        return writer.finish(d);
    }

    /** Writes one real face and its fake; returns whether the face box came from the detector. */
    private boolean one(Source s, Rng rng, boolean perLevel, CanonicalDatasetWriter writer,
            PerThreadFaceDetectors detectors) throws IOException {
        Raster real;
        FaceBox box;
        boolean detected = false;
        FaceDetector faces = detectors.get();
        try (PointerScope scope = new PointerScope()) {
            Mat image = OpenCvImages.readBgr(s.file);
            double sx = (double) size / image.cols();
            double sy = (double) size / image.rows();
            Mat resized = image;
            if (image.cols() != size || image.rows() != size) {
                resized = new Mat();
                resize(image, resized, new Size(size, size), 0, 0, INTER_LINEAR);
            }
            real = Raster.of(resized);
            if (s.box != null) {
                box = scaled(s.box, sx, sy);
            } else {
                List<FaceBox> found = faces.detect(resized);
                detected = !found.isEmpty();
                // the dataset records where the face is, not how sure the detector was
                box = detected ? new FaceBox(found.get(0).x(), found.get(0).y(), found.get(0).width(), found.get(0).height())
                        : SelfBlendRegions.centralFace(size, size);
            }
        }
        Forgery fake = SelfBlend.blend(real, box, rng);
        Raster mask = ForgeryMask.of(real, fake.image());
        String fakeVideo = perLevel ? s.video + "_" + s.compression.id() : s.video;
        FrameRecord.Regions regions = null;
        if (s.regions != null) {
            regions = CanonicalLayout.regions(FrameRecord.ORIGINAL, s.video, s.frame);
            String[] names = {regions.mouth(), regions.eyes(), regions.nose()};
            for (int k = 0; k < 3 && s.ownsRegions; k++) {
                writer.write(names[k], region(s.regions[k]).png());
            }
        }
        String realImage = CanonicalLayout.frame(s.compression, FrameRecord.ORIGINAL, s.video, s.frame);
        writer.write(realImage, real.png());
        writer.add(new FrameRecord(realImage, null, regions, 0, s.video, FrameRecord.ORIGINAL, s.compression, s.split,
                s.identity, null, s.frame, box));
        String fakeImage = CanonicalLayout.frame(s.compression, METHOD, fakeVideo, s.frame);
        String maskPath = CanonicalLayout.mask(METHOD, fakeVideo, s.frame);
        writer.write(fakeImage, fake.image().png());
        writer.write(maskPath, mask.png());
        writer.add(new FrameRecord(fakeImage, maskPath, regions, 1, fakeVideo, METHOD, s.compression, s.split,
                s.identity, s.identity, s.frame, box));
        return detected;
    }

    private Raster region(Path file) throws IOException {
        try (PointerScope scope = new PointerScope()) {
            Mat m = imread(file.toAbsolutePath().toString(), IMREAD_GRAYSCALE);
            if (m == null || m.empty()) {
                throw new IOException("cannot read region mask " + file);
            }
            if (m.cols() != size || m.rows() != size) {
                Mat r = new Mat();
                resize(m, r, new Size(size, size), 0, 0, INTER_NEAREST);
                m = r;
            }
            return Raster.of(m);
        }
    }

    private static FaceBox scaled(FaceBox b, double sx, double sy) {
        int x = (int) Math.round(b.x() * sx);
        int y = (int) Math.round(b.y() * sy);
        return new FaceBox(x, y, Math.max(1, (int) Math.round((b.x() + b.width()) * sx) - x),
                Math.max(1, (int) Math.round((b.y() + b.height()) * sy) - y));
    }
}
