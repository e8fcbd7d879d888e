package io.lvnet.data.prepare;

import io.lvnet.data.FaceForensicsSplits;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Split;
import io.lvnet.data.VideoNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * {@code manipulated_sequences/DeepFakeDetection} is a data set of its own, with other people
 * and names ({@link DeepFakeDetectionLayout}), and is not listed here.
 *
 * <p>Splits: with a splits folder, FF++'s official {@code train.json}, {@code val.json},
 * {@code test.json} (see {@link FaceForensicsSplits}); videos in none of them are left out.
 * Without, {@link FaceForensicsSplits#deterministic}: ids linked by a fake are grouped and the
 * groups split 70/15/15 with seed 1.
 */
public final class FaceForensicsLayout implements DatasetLayout {
    private final Path splits;

    /** @param splits the folder of FF++'s split JSONs, or null for the deterministic split */
    public FaceForensicsLayout(Path splits) {
        this.splits = splits;
    }

    @Override
    public DatasetListing list(Path root) throws IOException {
        LayoutFiles.requireDirectory(root);
        List<Entry> entries = new ArrayList<>();
        for (FaceForensicsTree.LevelVideo v : FaceForensicsTree.videos(root.resolve("original_sequences/youtube"))) {
            entries.add(new Entry(v, null, FrameRecord.ORIGINAL));
        }
        for (Path methodDir : LayoutFiles.sorted(root.resolve("manipulated_sequences"))) {
            String method = methodDir.getFileName().toString();
            if (!Files.isDirectory(methodDir) || DeepFakeDetectionLayout.METHOD.equals(method)) {
                continue;
            }
            for (FaceForensicsTree.LevelVideo v : FaceForensicsTree.videos(methodDir)) {
                entries.add(new Entry(v, FaceForensicsTree.maskVideo(methodDir, v.file()), method));
            }
        }
        if (entries.isEmpty()) {
            throw new IOException(root + ": not a FaceForensics++ folder: found no videos in "
                    + "original_sequences/youtube/<raw|c23|c40>/videos or manipulated_sequences/<method>/<raw|c23|c40>/videos");
        }
        Map<String, Split> splitOf;
        if (splits != null) {
            splitOf = FaceForensicsSplits.videos(FaceForensicsSplits.inFolder(splits));
        } else {
            Map<String, Boolean> videos = new HashMap<>();
            entries.forEach(e -> videos.put(e.video(), e.fake()));
            splitOf = FaceForensicsSplits.deterministic(videos);
        }
        List<VideoSource> out = new ArrayList<>();
        for (Entry e : entries) {
            Split s = splitOf.get(e.video());
            if (s == null) {
                continue;
            }
            String[] people = VideoNames.faceForensics(e.video(), e.fake());
            out.add(new VideoSource(e.source.file(), e.mask, e.fake() ? 1 : 0, e.method, e.source.level(), s, e.video(),
                    people[0], people.length > 1 ? people[1] : null));
        }
        return DatasetListing.of(out);
    }

    private record Entry(FaceForensicsTree.LevelVideo source, Path mask, String method) {
        String video() {
            return LayoutFiles.stem(source.file());
        }

        boolean fake() {
            return !FrameRecord.ORIGINAL.equals(method);
        }
    }
}
