package io.lvnet.data.prepare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Lists the videos of a data set on disk. */
public interface DatasetLayout {
    /**
     * The videos under a data set's root folder, in a stable order.
     *
     * @throws IOException if the folder is missing or does not have the layout's structure
     *     (one line saying what was expected)
     */
    List<VideoSource> list(Path root) throws IOException;
}
