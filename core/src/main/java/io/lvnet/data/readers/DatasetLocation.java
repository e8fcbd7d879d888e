package io.lvnet.data.readers;

import io.lvnet.data.CanonicalDataset;
import io.lvnet.data.FrameDataset;
import io.lvnet.data.Split;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where prepared face frames are and how to read them: what {@code lvnet train}'s
 * {@code datasets} section and {@code lvnet eval}'s options name.
 *
 * @param layout the layout of the folder
 * @param root the folder: the canonical dataset, the composite images' folder, or
 *     DeepfakeBench's {@code rgb_dir}
 * @param pairLists composite only: FF++ pair lists by split (empty: a deterministic split)
 * @param index DeepfakeBench only (and required there): its dataset JSON
 */
public record DatasetLocation(DataLayout layout, Path root, Map<Split, Path> pairLists, Path index) {
    public DatasetLocation {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(root, "root");
        pairLists = Map.copyOf(pairLists == null ? Map.of() : pairLists);
        if (!pairLists.isEmpty() && layout != DataLayout.COMPOSITE) {
            throw new IllegalArgumentException("split lists (.json) are only read with the composite layout, not " + layout.id());
        }
        if (index != null && layout != DataLayout.DEEPFAKEBENCH) {
            throw new IllegalArgumentException("an index JSON is only read with the deepfakebench layout, not " + layout.id());
        }
        if (index == null && layout == DataLayout.DEEPFAKEBENCH) {
            throw new IllegalArgumentException("the deepfakebench layout needs its dataset JSON "
                    + "(e.g. preprocessing/dataset_json/FaceForensics++.json)");
        }
    }

    /** A dataset in lvnet's canonical layout. */
    public static DatasetLocation canonical(Path root) {
        return new DatasetLocation(DataLayout.CANONICAL, root, Map.of(), null);
    }

    /** Opens the frames with the layout's reader. */
    public FrameDataset open() throws IOException {
        return switch (layout) {
            case CANONICAL -> CanonicalDataset.open(root);
            case COMPOSITE -> CompositeDataset.open(root, new TreeMap<>(pairLists));
            case DEEPFAKEBENCH -> DeepfakeBenchDataset.open(root, index);
        };
    }
}
