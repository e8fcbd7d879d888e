package io.lvnet.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lvnet.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes a dataset in the canonical layout. Files ({@link #write}) and records ({@link #add})
 * may come from many threads in any order; {@link #finish} then writes the index sorted by
 * image path and the description, so the output does not depend on scheduling. The index is
 * written last and atomically: a folder without {@code index.csv} is an unfinished run.
 */
public final class CanonicalDatasetWriter {
    /** The {@code format} value in {@code dataset.json}. */
    public static final String FORMAT = "lvnet-canonical-dataset";
    /** The layout version in {@code dataset.json}. */
    public static final int FORMAT_VERSION = 1;

    /** The {@code dataset.json} key listing people found in more than one split. */
    public static final String SHARED_IDENTITIES = "identities_in_several_splits";

    private final Path dir;
    private final List<FrameRecord> frames = new ArrayList<>();
    private boolean sharedIdentitiesAllowed;

    private CanonicalDatasetWriter(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts a dataset in a folder that does not exist yet or is empty.
     *
     * @throws FileAlreadyExistsException if the folder holds anything (nothing is overwritten)
     */
    public static CanonicalDatasetWriter create(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new FileAlreadyExistsException(dir.toString(), null, "exists and is not a folder");
            }
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new FileAlreadyExistsException(dir.toString(), null,
                            "is not empty; choose a new output folder");
                }
            }
        }
        Files.createDirectories(dir);
        return new CanonicalDatasetWriter(dir);
    }

    /**
     * Continues a dataset in a folder an earlier, interrupted run of the same writer began:
     * files already there are kept (and overwritten where written again), and the index
     * written by {@link #finish} lists only the records added to this writer, so a resuming
     * caller adds the records of the work it skips. Creates the folder if needed.
     */
    public static CanonicalDatasetWriter resume(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new FileAlreadyExistsException(dir.toString(), null, "exists and is not a folder");
        }
        Files.createDirectories(dir);
        return new CanonicalDatasetWriter(dir);
    }

    /** The dataset folder. */
    public Path dir() {
        return dir;
    }

    /**
     * Writes a file of the dataset (a frame, mask, region or video), creating folders.
     *
     * @param relative path inside the dataset, {@code /} separated (see {@link CanonicalLayout})
     * @return the path written
     */
    public Path write(String relative, byte[] content) throws IOException {
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.write(target, content);
        return target;
    }

    /** Where a file of the dataset goes, with its folder created (for writers that stream, such as video encoders). */
    public Path prepare(String relative) throws IOException {
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        return target;
    }

    /**
     * Lets {@link #finish} accept people in more than one split, for data sets whose own splits
     * are not identity-disjoint (Celeb-DF's official test list shares its celebrities with the
     * rest; a DFD or Celeb-DF fake may show a face from another split). They are then listed in
     * {@code dataset.json} under {@value #SHARED_IDENTITIES} instead of refused.
     *
     * @return this writer
     */
    public synchronized CanonicalDatasetWriter allowSharedIdentities() {
        sharedIdentitiesAllowed = true;
        return this;
    }

    /** Adds a frame to the index. */
    public synchronized void add(FrameRecord frame) {
        frames.add(frame);
    }

    /**
     * Writes {@code index.csv} and {@code dataset.json}.
     *
     * @param description what made the dataset (generator, options, seed, ...), written first in
     *     {@code dataset.json} after the format fields; counts are added
     * @return the records, in index order
     * @throws IllegalStateException if two records name the same image, or an identity appears
     *     in two splits (unless {@link #allowSharedIdentities() allowed})
     */
    public synchronized List<FrameRecord> finish(Map<String, Object> description) throws IOException {
        List<FrameRecord> sorted = new ArrayList<>(frames);
        sorted.sort(Comparator.comparing(FrameRecord::image));
        Set<String> shared = check(sorted, sharedIdentitiesAllowed);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("format_version", FORMAT_VERSION);
        json.putAll(description);
        json.put("counts", counts(sorted));
        if (sharedIdentitiesAllowed) {
            json.put(SHARED_IDENTITIES, shared);
        }
        byte[] jsonBytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(json);
        AtomicFiles.write(dir.resolve(CanonicalLayout.DESCRIPTION), out -> out.write(jsonBytes));
        byte[] index = CanonicalDataset.formatIndex(sorted).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(CanonicalLayout.INDEX), out -> out.write(index));
        return sorted;
    }

    /**
     * Refuses duplicate images, and people in two splits unless {@code allowShared}; returns the
     * people found in more than one split, sorted.
     */
    private static Set<String> check(List<FrameRecord> sorted, boolean allowShared) {
        Set<String> images = new HashSet<>();
        Map<String, Split> splitOf = new TreeMap<>();
        Set<String> shared = new TreeSet<>();
        for (FrameRecord f : sorted) {
            if (!images.add(f.image())) {
                throw new IllegalStateException("two index rows name the image " + f.image());
            }
            for (String who : new String[] {f.identity(), f.sourceIdentity()}) {
                if (who == null) {
                    continue;
                }
                Split before = splitOf.putIfAbsent(who, f.split());
                if (before != null && before != f.split()) {
                    if (!allowShared) {
                        throw new IllegalStateException("identity " + who + " appears in both " + before.id() + " and "
                                + f.split().id());
                    }
                    shared.add(who);
                }
            }
        }
        return shared;
    }

    private static Map<String, Object> counts(List<FrameRecord> frames) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("frames", frames.size());
        c.put("real", frames.stream().filter(f -> !f.fake()).count());
        c.put("fake", frames.stream().filter(FrameRecord::fake).count());
        c.put("videos", frames.stream().map(f -> f.method() + "/" + f.video()).distinct().count());
        c.put("identities", frames.stream().map(FrameRecord::identity).distinct().count());
        Map<String, Object> bySplit = new TreeMap<>();
        for (Split s : Split.values()) {
            List<FrameRecord> in = frames.stream().filter(f -> f.split() == s).toList();
            if (in.isEmpty()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frames", in.size());
            m.put("real", in.stream().filter(f -> !f.fake()).count());
            m.put("fake", in.stream().filter(FrameRecord::fake).count());
            m.put("identities", new TreeSet<>(in.stream().map(FrameRecord::identity).toList()));
            bySplit.put(s.id(), m);
        }
        c.put("by_split", bySplit);
        Map<String, Long> byMethod = new TreeMap<>();
        Map<String, Long> byCompression = new TreeMap<>();
        for (FrameRecord f : frames) {
            byMethod.merge(f.method(), 1L, Long::sum);
            byCompression.merge(f.compression().id(), 1L, Long::sum);
        }
        c.put("by_method", byMethod);
        c.put("by_compression", byCompression);
        return c;
    }
}
