package io.lvnet.data.prepare;

import io.lvnet.data.FrameRecord;
import io.lvnet.data.IdentitySplits;
import io.lvnet.data.Split;
import io.lvnet.data.VideoNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Google's DeepFakeDetection data set (DFD), as FaceForensics++ distributes it inside its own
 * tree:
 *
 * <pre>
 * ROOT/original_sequences/actors/&lt;raw|c23|c40&gt;/videos/&lt;a&gt;__&lt;scene&gt;.mp4                     real, actor a
 * ROOT/manipulated_sequences/DeepFakeDetection/&lt;raw|c23|c40&gt;/videos/&lt;a&gt;_&lt;b&gt;__&lt;scene&gt;__&lt;id&gt;.mp4   fake
 * ROOT/manipulated_sequences/DeepFakeDetection/masks/videos/&lt;same name&gt;.mp4                 its mask video
 * </pre>
 *
 * A fake {@code a_b__scene__id} is actor {@code a}'s scene with actor {@code b}'s face swapped
 * in (FF++'s target-source order). Every compression level present is listed.
 *
 * <p>Splits, by actor, deterministically: the actors (28 in DFD) are split 70/15/15 by
 * {@link IdentitySplits#assign} with seed 1 (at least two actors each in val and test), and a
 * fake goes with its target actor. The swapped-in actor may belong to another split: DFD's
 * swaps link nearly every pair of actors, so no split can keep both people of every fake
 * together without leaving most fakes out. The prepared {@code dataset.json} lists the people
 * found in several splits.
 *
 * <p>Masks: a fake whose mask video is missing is prepared with an unknown mask and noted as a
 * problem of the listing (counted); when the whole masks folder is missing, that is one problem.
 */
public final class DeepFakeDetectionLayout implements DatasetLayout {
    /** DFD's folder under {@code manipulated_sequences}, and the method name of its fakes. */
    public static final String METHOD = "DeepFakeDetection";

    @Override
    public DatasetListing list(Path root) throws IOException {
        LayoutFiles.requireDirectory(root);
        Path methodDir = root.resolve("manipulated_sequences").resolve(METHOD);
        List<FaceForensicsTree.LevelVideo> reals = FaceForensicsTree.videos(root.resolve("original_sequences/actors"));
        List<FaceForensicsTree.LevelVideo> fakes = FaceForensicsTree.videos(methodDir);
        if (reals.isEmpty() && fakes.isEmpty()) {
            throw new IOException(root + ": not a DeepFakeDetection folder: found no videos in "
                    + "original_sequences/actors/<raw|c23|c40>/videos or manipulated_sequences/" + METHOD
                    + "/<raw|c23|c40>/videos (FaceForensics++'s tree)");
        }
        Set<String> actors = new TreeSet<>();
        reals.forEach(v -> actors.add(people(v.file())[0]));
        fakes.forEach(v -> actors.addAll(List.of(people(v.file()))));
        Map<String, Split> split = IdentitySplits.assign(actors, 1);
        List<String> problems = new ArrayList<>();
        boolean maskFolder = Files.isDirectory(FaceForensicsTree.maskFolder(methodDir));
        if (!fakes.isEmpty() && !maskFolder) {
            problems.add(FaceForensicsTree.maskFolder(methodDir) + ": no mask videos; the masks of all "
                    + fakes.size() + " fakes are unknown");
        }
        List<VideoSource> out = new ArrayList<>();
        for (FaceForensicsTree.LevelVideo v : reals) {
            String actor = people(v.file())[0];
            out.add(new VideoSource(v.file(), null, 0, FrameRecord.ORIGINAL, v.level(), split.get(actor),
                    LayoutFiles.stem(v.file()), actor, null));
        }
        Set<String> noted = new TreeSet<>();
        for (FaceForensicsTree.LevelVideo v : fakes) {
            String[] people = people(v.file());
            Path mask = FaceForensicsTree.maskVideo(methodDir, v.file());
            // one note per fake, however many compression levels it comes in (masks have none)
            if (mask == null && maskFolder && noted.add(v.file().getFileName().toString())) {
                problems.add(FaceForensicsTree.maskFolder(methodDir).resolve(v.file().getFileName().toString())
                        + ": mask video missing; the masks of this fake are unknown");
            }
            out.add(new VideoSource(v.file(), mask, 1, METHOD, v.level(), split.get(people[0]), LayoutFiles.stem(v.file()),
                    people[0], people.length > 1 ? people[1] : null));
        }
        return new DatasetListing(out, problems);
    }

    private static String[] people(Path file) {
        return VideoNames.deepFakeDetection(LayoutFiles.stem(file));
    }
}
