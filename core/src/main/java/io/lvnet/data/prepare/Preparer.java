package io.lvnet.data.prepare;

import io.lvnet.landmarks.FaceAligner;
import io.lvnet.landmarks.GrayImage;
import io.lvnet.regions.FaceParts;
import io.lvnet.regions.PartLocator;
import java.util.concurrent.atomic.LongAdder;

import io.lvnet.data.CanonicalDataset;
import io.lvnet.data.CanonicalDatasetWriter;
import io.lvnet.data.CanonicalLayout;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.OpenCvImages;
import io.lvnet.data.PerThreadFaceDetectors;
import io.lvnet.data.Raster;
import io.lvnet.data.VideoFrame;
import io.lvnet.data.VideoFrames;
import io.lvnet.progress.ProgressListener;
import io.lvnet.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns the videos of a data set into face crops in the canonical layout (see
 * {@link CanonicalLayout}): for each video, the sampled frames' largest faces, cropped and
 * resized by {@link FaceCropper}; for a fake with a mask video, the mask frame with the same
 * index cut with the same square; reference regions (mouth, eyes, nose) from the crop and its
 * face box by a {@link PartLocator} (dlib's landmarks, or the box's geometry). Real frames have no mask file (all zero), fakes without a mask
 * video an unknown mask (empty index cell). Masks and regions are stored per compression
 * level ({@link CanonicalLayout#mask(io.lvnet.data.CompressionLevel, String, String, int)}).
 *
 * <p>Videos are prepared in parallel on a fixed pool, one face detector per thread; each
 * video is decoded on one thread. A video that cannot be read, or in which no face is found
 * in any sampled frame, is counted as failed and noted; the run goes on.
 *
 * <p>Resuming: when a video is complete, its index rows go to
 * {@code OUT/.prepare/<compression>/<method>/<video>.csv} (written atomically, last). A later
 * run into the same folder skips every video with such a file and takes its rows from it;
 * failed videos have none and are tried again. {@code index.csv} and {@code dataset.json} are
 * written at the end of each run from the rows of all completed videos, so a folder without
 * {@code index.csv} is an unfinished run.
 */
public final class Preparer {
    /** The folder of per-video completion records inside the output. */
    public static final String STATE = ".prepare";
    /** How aligned faces ({@code --align}) were aligned, for {@code dataset.json}'s {@code alignment}. */
    public static final String ALIGNMENT = "eye centres, nose tip and mouth corners of dlib's 68 landmarks onto ArcFace's template";

    private final PrepareOptions options;
    private final FaceCropper cropper;
    private final boolean aligned;
    private final PartLocator regions;
    private final String regionsDescription;
    private final LongAdder regionNanos = new LongAdder();

    /** A preparer with the given options, regions from the face box's geometry. */
    public Preparer(PrepareOptions options) {
        this(options, PartLocator.geometric(), "face-box geometry (no landmarks)");
    }

    /**
     * A preparer with the given options and regions.
     *
     * @param regions finds each crop's mouth, eyes and nose, on the crop and its face box
     * @param regionsDescription how, for {@code dataset.json}
     */
    public Preparer(PrepareOptions options, PartLocator regions, String regionsDescription) {
        this(options, regions, regionsDescription, null);
    }

    /**
     * A preparer with the given options and regions, aligning the faces.
     *
     * @param regions finds each crop's mouth, eyes and nose, on the crop and its face box
     * @param regionsDescription how, for {@code dataset.json}
     * @param aligner aligns each face before it is cropped ({@code --align}); null for box crops
     */
    public Preparer(PrepareOptions options, PartLocator regions, String regionsDescription, FaceAligner aligner) {
        this.options = options;
        this.aligned = aligner != null;
        this.cropper = new FaceCropper(options.scale(), options.size(), aligner);
        this.regions = regions;
        this.regionsDescription = regionsDescription;
    }

    /** Seconds of CPU time spent so far locating the parts of crops (landmarks or geometry), over all threads. */
    public double regionSeconds() {
        return regionNanos.sum() / 1e9;
    }

    /**
     * Prepares the videos into {@code out}.
     *
     * @param sources the videos (see {@link DatasetLayout})
     * @param out a new or empty folder, or the folder of an earlier (interrupted) run to resume
     * @param description what to write in {@code dataset.json} besides the counts (generator,
     *     input); the options are added
     * @param progress advanced by one per video (prepared, skipped or failed)
     * @throws FileAlreadyExistsException if {@code out} holds files but is not a prepare output
     */
    public PrepareSummary prepare(List<VideoSource> sources, Path out, Map<String, Object> description,
            ProgressListener progress) throws IOException {
        return prepare(DatasetListing.of(sources), out, description, progress);
    }

    /**
     * Prepares the videos of a listing into {@code out}; the listing's problems are reported
     * (and counted) with the run's own.
     *
     * @see #prepare(List, Path, Map, ProgressListener)
     */
    public PrepareSummary prepare(DatasetListing listing, Path out, Map<String, Object> description,
            ProgressListener progress) throws IOException {
        long start = System.nanoTime();
        List<VideoSource> sources = listing.videos();
        requireDistinctNames(sources);
        CanonicalDatasetWriter writer = open(out);
        List<Outcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try (PerThreadFaceDetectors detectors = new PerThreadFaceDetectors(options.detector())) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (VideoSource s : sources) {
                futures.add(pool.submit(() -> {
                    try {
                        return run(s, writer, detectors);
                    } finally {
                        progress.advance(1);
                    }
                }));
            }
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        int prepared = 0;
        int skipped = 0;
        int failed = 0;
        long frames = 0;
        long missing = 0;
        List<String> problems = new ArrayList<>(listing.problems());
        for (Outcome o : outcomes) {
            switch (o.state) {
                case PREPARED -> prepared++;
                case SKIPPED -> skipped++;
                case FAILED -> failed++;
            }
            if (o.state != State.SKIPPED) {
                frames += o.records.size();
            }
            missing += o.facesNotFound;
            problems.addAll(o.problems);
            o.records.forEach(writer::add);
        }
        Map<String, Object> d = description(description, failed);
        d.put("dataset_problems", listing.problems().size());
        List<FrameRecord> index = writer.finish(d);
        return new PrepareSummary(sources.size(), prepared, skipped, failed, frames, missing, listing.problems().size(),
                List.copyOf(problems), index, (System.nanoTime() - start) / 1e9);
    }

    /**
     * What {@link #prepare} writes to {@code dataset.json}: the caller's description, then the
     * options and the number of failed videos.
     */
    public Map<String, Object> description(Map<String, Object> description, int failed) {
        Map<String, Object> d = new LinkedHashMap<>(description);
        d.put("sampling", options.sampling().toString());
        d.put("size", options.size());
        d.put("scale", options.scale());
        d.put("face_detector", options.detector().describe() + ", largest face");
        d.put("regions", regionsDescription);
        if (aligned) {
            d.put("alignment", ALIGNMENT);
        }
        d.put("failed_videos", failed);
        return d;
    }

    /** Two inputs written under one name would overwrite each other's frames and records. */
    private static void requireDistinctNames(List<VideoSource> sources) throws IOException {
        Map<String, VideoSource> seen = new HashMap<>();
        for (VideoSource s : sources) {
            VideoSource other = seen.putIfAbsent(s.key(), s);
            if (other != null) {
                throw new IOException("two inputs would be written as " + s.key() + ": " + other.file() + " and "
                        + s.file() + " (rename one)");
            }
        }
    }

    /**
     * Prepares one video as {@link #prepare} does, for callers that spread the videos over
     * machines (lvnet-spark): writes its crops, masks and regions into {@code writer}'s folder
     * and, when it yields faces, its completion record ({@code .prepare/<key>.csv}, last); a
     * video whose record is already there is skipped. The caller writes the index.
     *
     * @param detectors the calling thread's face detector comes from here
     */
    public Outcome prepareVideo(VideoSource s, CanonicalDatasetWriter writer, PerThreadFaceDetectors detectors)
            throws IOException {
        return run(s, writer, detectors);
    }

    private static CanonicalDatasetWriter open(Path out) throws IOException {
        if (Files.isDirectory(out) && !Files.isDirectory(out.resolve(STATE))) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new FileAlreadyExistsException(out.toString(), null,
                            "is not empty and not an lvnet prepare output; choose a new output folder");
                }
            }
        }
        // the splits are the data set's own, which need not keep people apart (see the writer)
        CanonicalDatasetWriter writer = CanonicalDatasetWriter.resume(out).allowSharedIdentities();
        Files.createDirectories(out.resolve(STATE));
        return writer;
    }

    /** The completion record of a video. */
    static Path marker(Path out, VideoSource s) {
        return out.resolve(STATE).resolve(s.key() + ".csv");
    }

    /** What became of a video. */
    public enum State { PREPARED, SKIPPED, FAILED }

    /**
     * One video's outcome.
     *
     * @param records its index rows (a skipped video's, from its completion record; none when
     *     it failed)
     * @param facesNotFound sampled frames without a face
     * @param problems one line each: why it failed, or what was wrong with its mask video
     */
    public record Outcome(State state, List<FrameRecord> records, long facesNotFound, List<String> problems) {
    }

    private Outcome run(VideoSource s, CanonicalDatasetWriter writer, PerThreadFaceDetectors detectors)
            throws IOException {
        Path marker = marker(writer.dir(), s);
        if (Files.isRegularFile(marker)) {
            String text = Files.readString(marker, StandardCharsets.UTF_8);
            return new Outcome(State.SKIPPED, CanonicalDataset.parseIndex(text, marker.toString()), 0, List.of());
        }
        VideoJob job = new VideoJob(s, writer, detectors);
        try {
            job.read();
        } catch (IOException | RuntimeException e) {
            String msg = e.getMessage() != null ? e.getMessage().lines().findFirst().orElse("") : e.toString();
            return new Outcome(State.FAILED, List.of(), 0, List.of(s.file() + ": " + msg));
        }
        if (job.records.isEmpty()) {
            job.problems.add(s.file() + ": no face found in any of " + job.sampled + " sampled frames");
            return new Outcome(State.FAILED, List.of(), job.sampled, job.problems);
        }
        byte[] rows = CanonicalDataset.formatIndex(job.records).getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(marker.getParent());
        AtomicFiles.write(marker, o -> o.write(rows));
        return new Outcome(State.PREPARED, job.records, job.facesNotFound, job.problems);
    }

    /** One video's frames, masks and records. */
    private final class VideoJob {
        final VideoSource s;
        final CanonicalDatasetWriter writer;
        final PerThreadFaceDetectors detectors;
        final List<FrameRecord> records = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        int sampled;
        long facesNotFound;

        VideoJob(VideoSource s, CanonicalDatasetWriter writer, PerThreadFaceDetectors detectors) {
            this.s = s;
            this.writer = writer;
            this.detectors = detectors;
        }

        void read() throws IOException {
            if (s.image()) {
                try (Mat bgr = OpenCvImages.readBgr(s.file())) {
                    frame(0, bgr, null);
                }
                return;
            }
            try (VideoFrames frames = VideoFrames.open(s.file(), options.sampling(), 1);
                    MaskFrames masks = MaskFrames.open(s, options.sampling(), problems)) {
                VideoFrame next;
                while ((next = frames.next()) != null) {
                    try (VideoFrame f = next) {
                        frame(f.index(), f.bgr(), masks.at(f.index()));
                    }
                }
            }
        }

        /** The parts of a crop, located on the crop as training will see it. */
        private FaceParts locate(PreparedFace face) {
            long t = System.nanoTime();
            FaceParts parts = Preparer.this.regions.locate(
                    Preparer.this.regions.readsImage() ? GrayImage.of(face.image()) : null, face.face());
            regionNanos.add(System.nanoTime() - t);
            return parts;
        }

        private void frame(int index, Mat bgr, Mat mask) throws IOException {
            sampled++;
            Optional<PreparedFace> found = cropper.crop(bgr, detectors.get());
            if (found.isEmpty()) {
                facesNotFound++;
                return;
            }
            try (PreparedFace face = found.get()) {
                String image = CanonicalLayout.frame(s.compression(), s.method(), s.video(), index);
                writer.write(image, Raster.of(face.image()).png());
                String maskPath = null;
                if (mask != null) {
                    maskPath = CanonicalLayout.mask(s.compression(), s.method(), s.video(), index);
                    try (Mat m = cropper.mask(mask, face)) {
                        writer.write(maskPath, Raster.of(m).png());
                    }
                }
                FrameRecord.Regions regions = CanonicalLayout.regions(s.compression(), s.method(), s.video(), index);
                FaceParts parts = locate(face);
                int size = options.size();
                for (String part : FaceParts.PARTS) {
                    writer.write(regions.get(part), parts.mask(part, size, size).png());
                }
                records.add(new FrameRecord(image, maskPath, regions, s.label(), s.video(), s.method(), s.compression(),
                        s.split(), s.identity(), s.sourceIdentity(), index, face.face()));
            }
        }
    }
}
