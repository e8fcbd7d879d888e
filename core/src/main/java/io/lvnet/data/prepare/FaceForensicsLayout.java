package io.lvnet.data.prepare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.IdentitySplits;
import io.lvnet.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * FaceForensics++'s folder tree:
 *
 * <pre>
 * ROOT/original_sequences/youtube/&lt;raw|c23|c40&gt;/videos/&lt;id&gt;.mp4
 * ROOT/manipulated_sequences/&lt;Method&gt;/&lt;raw|c23|c40&gt;/videos/&lt;target&gt;_&lt;source&gt;.mp4
 * ROOT/manipulated_sequences/&lt;Method&gt;/masks/videos/&lt;target&gt;_&lt;source&gt;.mp4
 * </pre>
 *
 * Every compression level present is listed. Each FF++ video shows its own person, so the
 * identity is the video id; a fake {@code a_b} shows {@code a} with {@code b} put in.
 *
 * <p>Splits: with a splits folder, FF++'s official {@code train.json}, {@code val.json},
 * {@code test.json} (lists of {@code [a, b]} pairs: the real videos {@code a} and {@code b},
 * the fakes {@code a_b} and {@code b_a}); videos in none of them are left out. Without, a
 * deterministic split: ids linked by a fake are grouped (so that a fake's two people share a
 * split) and the groups are split 70/15/15 by {@link IdentitySplits} with seed 1.
 */
public final class FaceForensicsLayout implements DatasetLayout {
    private static final String[] LEVELS = {"raw", "c23", "c40"};
    private final Path splits;

    /** @param splits the folder of FF++'s split JSONs, or null for the deterministic split */
    public FaceForensicsLayout(Path splits) {
        this.splits = splits;
    }

    @Override
    public List<VideoSource> list(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString());
        }
        List<Entry> entries = new ArrayList<>();
        Path originals = root.resolve("original_sequences/youtube");
        for (String level : LEVELS) {
            for (Path v : videos(originals.resolve(level).resolve("videos"))) {
                entries.add(new Entry(v, null, FrameRecord.ORIGINAL, CompressionLevel.of(level), stem(v)));
            }
        }
        Path manipulated = root.resolve("manipulated_sequences");
        if (Files.isDirectory(manipulated)) {
            for (Path methodDir : sorted(manipulated)) {
                if (!Files.isDirectory(methodDir)) {
                    continue;
                }
                String method = methodDir.getFileName().toString();
                for (String level : LEVELS) {
                    for (Path v : videos(methodDir.resolve(level).resolve("videos"))) {
                        Path mask = methodDir.resolve("masks/videos").resolve(v.getFileName());
                        entries.add(new Entry(v, Files.isRegularFile(mask) ? mask : null, method,
                                CompressionLevel.of(level), stem(v)));
                    }
                }
            }
        }
        if (entries.isEmpty()) {
            throw new IOException(root + ": not a FaceForensics++ folder: found no videos in "
                    + "original_sequences/youtube/<raw|c23|c40>/videos or manipulated_sequences/<method>/<raw|c23|c40>/videos");
        }
        Map<String, Split> splitOf = splits != null ? official(splits) : deterministic(entries);
        List<VideoSource> out = new ArrayList<>();
        for (Entry e : entries) {
            Split s = splitOf.get(e.video);
            if (s == null) {
                continue;
            }
            boolean fake = !FrameRecord.ORIGINAL.equals(e.method);
            String[] people = people(e.video, fake);
            out.add(new VideoSource(e.file, e.mask, fake ? 1 : 0, e.method, e.level, s, e.video, people[0],
                    people.length > 1 ? people[1] : null));
        }
        return out;
    }

    private record Entry(Path file, Path mask, String method, CompressionLevel level, String video) {
    }

    /** The target and (for fakes named {@code a_b}) the source. */
    private static String[] people(String video, boolean fake) {
        int us = video.indexOf('_');
        return fake && us > 0 ? new String[] {video.substring(0, us), video.substring(us + 1)} : new String[] {video};
    }

    /** FF++'s official split: video name (real {@code a}, fake {@code a_b}) to split. */
    static Map<String, Split> official(Path dir) throws IOException {
        Map<String, Split> out = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (Split s : Split.values()) {
            Path file = dir.resolve(s.id() + ".json");
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "missing split file (need train.json, val.json, test.json)");
            }
            JsonNode pairs = json.readTree(file.toFile());
            if (!pairs.isArray()) {
                throw new IOException(file + ": expected a list of [a, b] pairs");
            }
            for (JsonNode pair : pairs) {
                if (!pair.isArray() || pair.size() != 2) {
                    throw new IOException(file + ": expected a list of [a, b] pairs, found " + pair);
                }
                String a = pair.get(0).asText();
                String b = pair.get(1).asText();
                for (String v : new String[] {a, b, a + "_" + b, b + "_" + a}) {
                    out.put(v, s);
                }
            }
        }
        return out;
    }

    /** Groups ids joined by fakes, then splits the groups by {@link IdentitySplits}. */
    private static Map<String, Split> deterministic(List<Entry> entries) {
        Map<String, String> parent = new TreeMap<>();
        for (Entry e : entries) {
            String[] p = people(e.video, !FrameRecord.ORIGINAL.equals(e.method));
            for (String id : p) {
                parent.putIfAbsent(id, id);
            }
            if (p.length == 2) {
                union(parent, p[0], p[1]);
            }
        }
        TreeSet<String> groups = new TreeSet<>();
        parent.keySet().forEach(id -> groups.add(find(parent, id)));
        Map<String, Split> groupSplit = IdentitySplits.assign(groups, 1);
        Map<String, Split> out = new HashMap<>();
        for (Entry e : entries) {
            String[] p = people(e.video, !FrameRecord.ORIGINAL.equals(e.method));
            out.put(e.video, groupSplit.get(find(parent, p[0])));
        }
        return out;
    }

    private static String find(Map<String, String> parent, String id) {
        String p = parent.get(id);
        while (!p.equals(parent.get(p))) {
            p = parent.get(p);
        }
        return p;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            // the smaller name stays the root, so groups are named the same whatever the order
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }

    private static List<Path> videos(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            for (Path p : sorted(dir)) {
                if (Files.isRegularFile(p) && "mp4".equals(VideoSource.extension(p))) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }
}
