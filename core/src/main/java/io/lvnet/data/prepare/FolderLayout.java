package io.lvnet.data.prepare;

import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.IdentitySplits;
import io.lvnet.data.Split;
import io.lvnet.files.MediaType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A plain folder of labelled media: every video or image under {@code ROOT/real} is real,
 * under {@code ROOT/fake} fake (method {@value #FAKE_METHOD}, mask unknown). A file's name in
 * the output is its path below {@code real/} or {@code fake/} without extension, folders joined
 * by {@code _}. Nothing is known about people, so each file counts as its own identity and the
 * files are split 70/15/15 by {@link IdentitySplits} (seed 1); compression is taken as none.
 */
public final class FolderLayout implements DatasetLayout {
    /** The method name given to the fakes. */
    public static final String FAKE_METHOD = "fake";

    @Override
    public DatasetListing list(Path root) throws IOException {
        LayoutFiles.requireDirectory(root);
        Path real = root.resolve("real");
        Path fake = root.resolve("fake");
        if (!Files.isDirectory(real) && !Files.isDirectory(fake)) {
            throw new IOException(root + ": expected a real/ and a fake/ folder of videos or images");
        }
        List<Path> reals = media(real);
        List<Path> fakes = media(fake);
        List<String> names = new ArrayList<>();
        reals.forEach(p -> names.add(FrameRecord.ORIGINAL + "/" + LayoutFiles.flatName(real, p)));
        fakes.forEach(p -> names.add(FAKE_METHOD + "/" + LayoutFiles.flatName(fake, p)));
        Map<String, Split> split = IdentitySplits.assign(names, 1);
        List<VideoSource> out = new ArrayList<>();
        for (Path p : reals) {
            String n = LayoutFiles.flatName(real, p);
            out.add(new VideoSource(p, null, 0, FrameRecord.ORIGINAL, CompressionLevel.NONE,
                    split.get(FrameRecord.ORIGINAL + "/" + n), n, "real_" + n, null));
        }
        for (Path p : fakes) {
            String n = LayoutFiles.flatName(fake, p);
            out.add(new VideoSource(p, null, 1, FAKE_METHOD, CompressionLevel.NONE, split.get(FAKE_METHOD + "/" + n), n,
                    "fake_" + n, null));
        }
        if (out.isEmpty()) {
            throw new IOException(root + ": found no videos or images under real/ or fake/");
        }
        return DatasetListing.of(out);
    }

    private static List<Path> media(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String ext = VideoSource.extension(p);
                return MediaType.VIDEO_EXTENSIONS.contains(ext) || VideoSource.IMAGE_EXTENSIONS.contains(ext);
            }).sorted().toList();
        }
    }
}
