package io.lvnet.data.prepare;

import com.fasterxml.jackson.databind.JsonNode;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.IdentitySplits;
import io.lvnet.data.JsonFiles;
import io.lvnet.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The DFDC preview data set (DFDC-P), as distributed: its videos in {@code original_videos/}
 * (real) and {@code method_A/}, {@code method_B/} (fake), indexed by {@code ROOT/dataset.json},
 * an object mapping each video's path relative to the root to
 * {@code {"label": "real"|"fake", "set": "train"|"test", ...}}.
 *
 * <p>The label and set come from the index. A fake's method is the first folder of its path
 * ({@code method_A}, {@code method_B}); its name in the output is its path below that folder,
 * folders joined by {@code _}. The person shown is the entry's {@code target_id} where the
 * index has one, else the first folder below {@code method_X/} or {@code original_videos/}
 * (DFDC-P's folder per person). Fakes have no masks (unknown); compression is recorded as
 * {@code none}.
 *
 * <p>Splits: {@code test} entries are test; validation is carved out of the {@code train}
 * entries by person with {@link IdentitySplits#carveValidation} (seed 1), so it shares no one
 * with training. An entry with an unusable label or set, a path outside the root, or a video
 * missing on disk is a problem of the listing (counted; the run goes on).
 */
public final class DfdcPreviewLayout implements DatasetLayout {
    /** The index file. */
    public static final String INDEX = "dataset.json";

    @Override
    public DatasetListing list(Path root) throws IOException {
        LayoutFiles.requireDirectory(root);
        Path index = root.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            throw new IOException(root + ": " + INDEX + " is missing (DFDC preview's index of videos with their "
                    + "labels and sets)");
        }
        JsonNode json = JsonFiles.read(index);
        if (!json.isObject()) {
            throw new IOException(index + ": expected an object mapping video paths to {\"label\", \"set\"}");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Entry> entries = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Entry entry = entry(root, e.getKey(), e.getValue(), index + ": '" + e.getKey() + "': ", problems);
            if (entry != null) {
                entries.put(e.getKey(), entry);
            }
        }
        if (entries.isEmpty()) {
            throw new IOException(index + ": no usable videos (" + problems.size() + " entries with problems"
                    + (problems.isEmpty() ? "" : ", first: " + problems.get(0)) + ")");
        }
        Set<String> trainPeople = new TreeSet<>();
        entries.values().stream().filter(e -> e.set != Split.TEST).forEach(e -> trainPeople.add(e.person));
        Map<String, Split> carved = IdentitySplits.carveValidation(trainPeople, 1);
        List<VideoSource> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            Split split = e.set == Split.TEST ? Split.TEST : carved.get(e.person);
            out.add(new VideoSource(e.file, null, e.fake ? 1 : 0, e.method, CompressionLevel.NONE, split, e.video,
                    e.person, null));
        }
        return new DatasetListing(out, problems);
    }

    private record Entry(Path file, boolean fake, Split set, String method, String video, String person) {
    }

    /** One index entry, or null (and a problem noted) when it cannot be used. */
    private static Entry entry(Path root, String key, JsonNode value, String where, List<String> problems) {
        String path = key.replace('\\', '/');
        List<String> parts = List.of(path.split("/"));
        if (path.startsWith("/") || parts.contains("..") || parts.size() < 2) {
            problems.add(where + "expected a path <folder>/.../<video> inside the data set");
            return null;
        }
        if (!value.isObject()) {
            problems.add(where + "expected {\"label\": \"real\"|\"fake\", \"set\": \"train\"|\"test\"}, found " + value);
            return null;
        }
        String label = text(value, "label");
        if (!label.equals("real") && !label.equals("fake")) {
            problems.add(where + "label must be \"real\" or \"fake\", found " + value.get("label"));
            return null;
        }
        String set = text(value, "set");
        if (!set.equals("train") && !set.equals("test")) {
            problems.add(where + "set must be \"train\" or \"test\", found " + value.get("set"));
            return null;
        }
        Path file = root.resolve(path);
        if (!Files.isRegularFile(file)) {
            problems.add(where + "listed in the index but missing: " + file);
            return null;
        }
        boolean fake = label.equals("fake");
        Path folder = root.resolve(parts.get(0));
        String person = value.hasNonNull("target_id") ? value.get("target_id").asText()
                : parts.size() >= 3 ? parts.get(1) : LayoutFiles.stem(file);
        return new Entry(file, fake, set.equals("test") ? Split.TEST : Split.TRAIN,
                fake ? parts.get(0) : FrameRecord.ORIGINAL, LayoutFiles.flatName(folder, file), person);
    }

    private static String text(JsonNode value, String field) {
        JsonNode v = value.get(field);
        return v != null && v.isTextual() ? v.asText().toLowerCase(Locale.ROOT) : "";
    }
}
