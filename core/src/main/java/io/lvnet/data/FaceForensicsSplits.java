package io.lvnet.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * FaceForensics++'s split files and its pair naming, shared by everything that reads FF++-style
 * data ({@code lvnet prepare --dataset ffpp}, the reference's composite images).
 *
 * <p>A split file ({@code train.json}, {@code val.json}, {@code test.json}) is a JSON list of
 * {@code [a, b]} pairs of real video ids; a pair puts the real videos {@code a} and {@code b}
 * and the fakes {@code a_b} ({@code a}'s video with {@code b}'s face or expression) and
 * {@code b_a} into that split.
 */
public final class FaceForensicsSplits {
    private FaceForensicsSplits() {
    }

    /**
     * Reads one split file.
     *
     * @return the pairs, in file order
     * @throws IOException naming the file when it is missing, not JSON, or not a list of pairs
     */
    public static List<String[]> pairs(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": split file missing (FF++ splits are train.json, val.json, test.json)");
        }
        JsonNode root = JsonFiles.read(file);
        if (!root.isArray()) {
            throw new IOException(file + ": expected a list of [a, b] pairs");
        }
        List<String[]> out = new ArrayList<>();
        for (JsonNode pair : root) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isValueNode() || !pair.get(1).isValueNode()) {
                throw new IOException(file + ": expected a list of [a, b] pairs, found " + pair);
            }
            out.add(new String[] {pair.get(0).asText(), pair.get(1).asText()});
        }
        return out;
    }

    /**
     * Reads the split files given and names the split of every video they cover: the real
     * videos {@code a}, {@code b} and the fakes {@code a_b}, {@code b_a} of each pair.
     *
     * @param files the file of each split to read (any subset of train, val, test)
     */
    public static Map<String, Split> videos(Map<Split, Path> files) throws IOException {
        Map<String, Split> out = new HashMap<>();
        for (Map.Entry<Split, Path> e : new TreeMap<>(files).entrySet()) {
            for (String[] p : pairs(e.getValue())) {
                for (String v : new String[] {p[0], p[1], p[0] + "_" + p[1], p[1] + "_" + p[0]}) {
                    out.put(v, e.getKey());
                }
            }
        }
        return out;
    }

    /**
     * The three split files of a folder ({@code train.json}, {@code val.json}, {@code test.json}).
     *
     * @throws IOException if one of them is missing
     */
    public static Map<Split, Path> inFolder(Path dir) throws IOException {
        Map<Split, Path> out = new TreeMap<>();
        for (Split s : Split.values()) {
            Path file = dir.resolve(s.id() + ".json");
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + ": split file missing (need train.json, val.json, test.json)");
            }
            out.put(s, file);
        }
        return out;
    }

    /**
     * A split for data without split files: ids linked by a fake are grouped (so that a
     * fake's two people share a split), and the groups are split 70/15/15 by
     * {@link IdentitySplits} (seed 1).
     *
     * @param videos every video name, mapped to whether it is a fake
     * @return each video's split
     */
    public static Map<String, Split> deterministic(Map<String, Boolean> videos) {
        IdentityGroups groups = new IdentityGroups();
        videos.forEach((video, fake) -> {
            String[] p = VideoNames.faceForensics(video, fake);
            groups.add(p[0]);
            if (p.length == 2) {
                groups.join(p[0], p[1]);
            }
        });
        Map<String, String> groupOf = new HashMap<>();
        videos.forEach((video, fake) -> groupOf.put(video, groups.group(VideoNames.faceForensics(video, fake)[0])));
        Map<String, Split> groupSplit = IdentitySplits.assign(new TreeSet<>(groupOf.values()), 1);
        Map<String, Split> out = new HashMap<>();
        groupOf.forEach((video, group) -> out.put(video, groupSplit.get(group)));
        return out;
    }
}
