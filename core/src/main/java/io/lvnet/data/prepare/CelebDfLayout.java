package io.lvnet.data.prepare;

import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.IdentitySplits;
import io.lvnet.data.Split;
import io.lvnet.data.VideoNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Celeb-DF (v1 and v2), as distributed:
 *
 * <pre>
 * ROOT/Celeb-real/id&lt;i&gt;_&lt;n&gt;.mp4                 real, celebrity i
 * ROOT/YouTube-real/&lt;n&gt;.mp4                      real, one person each
 * ROOT/Celeb-synthesis/id&lt;i&gt;_id&lt;j&gt;_&lt;n&gt;.mp4      fake: video id&lt;i&gt;_&lt;n&gt; with j's face swapped in
 * ROOT/List_of_testing_videos.txt               the test videos, one "&lt;label&gt; &lt;folder&gt;/&lt;file&gt;" per line
 * </pre>
 *
 * <p>Labels come from the folders. In the test list, label 1 means real and 0 fake (the
 * opposite of lvnet's), as the data set's authors wrote it and as other detectors read it (SBI
 * takes {@code 1 - label}); a line whose label contradicts its folder is noted, and the folder
 * wins. Fakes have no masks (unknown: train them semi-supervised); compression is recorded as
 * {@code none} (the videos as distributed).
 *
 * <p>Splits: the videos of the test list are test, the rest is split into train and val by
 * the person shown (the target {@code id<i>}; each YouTube-real video is its own person) with
 * {@link IdentitySplits#carveValidation} (seed 1), so no one is in both train and val. Celeb-DF's
 * own test list is not identity-disjoint from the rest (its celebrities appear in both), and a
 * fake's swapped-in face ({@code id<j>}) may belong to a person of another split: Celeb-DF's
 * swaps link nearly every celebrity with every other, so no split can keep them apart. The
 * prepared {@code dataset.json} lists the people found in several splits.
 *
 * <p>A test-list line that is malformed, names an unknown folder or a missing video, or whose
 * label contradicts its folder, is a problem of the listing (counted; the run goes on).
 */
public final class CelebDfLayout implements DatasetLayout {
    /** The test list's file name. */
    public static final String TEST_LIST = "List_of_testing_videos.txt";
    /** The method name given to Celeb-DF's fakes. */
    public static final String METHOD = "Celeb-synthesis";
    private static final Map<String, Boolean> FOLDERS = folders();

    private static Map<String, Boolean> folders() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        m.put("Celeb-real", false);
        m.put("YouTube-real", false);
        m.put(METHOD, true);
        return m;
    }

    @Override
    public DatasetListing list(Path root) throws IOException {
        LayoutFiles.requireDirectory(root);
        if (FOLDERS.keySet().stream().noneMatch(f -> Files.isDirectory(root.resolve(f)))) {
            throw new IOException(root + ": not a Celeb-DF folder: expected Celeb-real/, YouTube-real/ and "
                    + "Celeb-synthesis/ with .mp4 videos, and " + TEST_LIST);
        }
        Path list = root.resolve(TEST_LIST);
        if (!Files.isRegularFile(list)) {
            throw new IOException(root + ": " + TEST_LIST + " is missing (Celeb-DF's list of test videos, "
                    + "which defines the test split)");
        }
        List<String> problems = new ArrayList<>();
        Set<String> test = testVideos(root, list, problems);
        List<Path> files = new ArrayList<>();
        for (String folder : FOLDERS.keySet()) {
            files.addAll(LayoutFiles.videos(root.resolve(folder)));
        }
        if (files.isEmpty()) {
            throw new IOException(root + ": not a Celeb-DF folder: no .mp4 videos in Celeb-real/, YouTube-real/ "
                    + "or Celeb-synthesis/");
        }
        Set<String> trainPeople = new TreeSet<>();
        for (Path f : files) {
            if (!test.contains(relative(root, f))) {
                trainPeople.add(people(f)[0]);
            }
        }
        Map<String, Split> carved = IdentitySplits.carveValidation(trainPeople, 1);
        List<VideoSource> out = new ArrayList<>();
        for (Path f : files) {
            boolean fake = FOLDERS.get(f.getParent().getFileName().toString());
            String[] people = people(f);
            Split split = test.contains(relative(root, f)) ? Split.TEST : carved.get(people[0]);
            out.add(new VideoSource(f, null, fake ? 1 : 0, fake ? METHOD : FrameRecord.ORIGINAL, CompressionLevel.NONE,
                    split, LayoutFiles.stem(f), people[0], people.length > 1 ? people[1] : null));
        }
        return new DatasetListing(out, problems);
    }

    /** The test list's videos that exist, as {@code folder/file} paths. */
    private static Set<String> testVideos(Path root, Path list, List<String> problems) throws IOException {
        Set<String> out = new TreeSet<>();
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = list + " line " + (i + 1) + ": ";
            String[] parts = line.split("\\s+");
            String path = parts.length == 2 ? parts[1].replace('\\', '/') : "";
            int slash = path.indexOf('/');
            if (parts.length != 2 || !(parts[0].equals("0") || parts[0].equals("1")) || slash <= 0
                    || path.indexOf('/', slash + 1) >= 0) {
                problems.add(where + "expected '<1 real|0 fake> <folder>/<video>.mp4', got '" + line + "'");
                continue;
            }
            Boolean fake = FOLDERS.get(path.substring(0, slash));
            if (fake == null) {
                problems.add(where + "unknown folder '" + path.substring(0, slash) + "' (expected "
                        + String.join(", ", FOLDERS.keySet()) + ")");
                continue;
            }
            if (!Files.isRegularFile(root.resolve(path))) {
                problems.add(where + path + " is listed for testing but missing");
                continue;
            }
            // the list says 1 for real: the reverse of lvnet's labels
            if (parts[0].equals("1") == fake) {
                problems.add(where + "label " + parts[0] + " (" + (fake ? "real" : "fake") + " in this list) but "
                        + path + " is in a " + (fake ? "fake" : "real") + " folder; taken as "
                        + (fake ? "fake" : "real"));
            }
            out.add(path);
        }
        return out;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String[] people(Path file) {
        return VideoNames.celebDf(LayoutFiles.stem(file));
    }
}
