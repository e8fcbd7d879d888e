package io.lvnet.data.prepare;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The data set layouts {@code lvnet prepare} (and lvnet-spark's prepare) know, by name. */
public final class DatasetLayouts {
    /** The names a user may give, for messages. */
    public static final String NAMES = "ffpp, celebdf, dfdcp, dfd or folder";

    private DatasetLayouts() {
    }

    /**
     * The layout called {@code name}.
     *
     * @param splits FaceForensics++'s split JSON folder, or null; only ffpp takes one
     * @throws IllegalArgumentException for an unknown name, or splits with another layout
     */
    public static DatasetLayout named(String name, Path splits) {
        String n = name.toLowerCase(Locale.ROOT);
        if (splits != null && !List.of("ffpp", "ff++", "faceforensics").contains(n)) {
            throw new IllegalArgumentException("--splits is only used with --dataset ffpp");
        }
        return switch (n) {
            case "ffpp", "ff++", "faceforensics" -> new FaceForensicsLayout(splits);
            case "celebdf", "celeb-df" -> new CelebDfLayout();
            case "dfdcp", "dfdc-p", "dfdc-preview" -> new DfdcPreviewLayout();
            case "dfd", "deepfakedetection" -> new DeepFakeDetectionLayout();
            case "folder" -> new FolderLayout();
            default -> throw new IllegalArgumentException("unknown --dataset '" + name + "' (expected " + NAMES + ")");
        };
    }
}
