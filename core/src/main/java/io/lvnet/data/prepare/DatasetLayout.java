package io.lvnet.data.prepare;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Lists the videos of a data set on disk, each with its label, method, split and people: one
 * implementation per data set's own layout; {@link Preparer} does the rest.
 */
public interface DatasetLayout {
    /**
     * The videos under a data set's root folder, in a stable order, and the entries that could
     * not be used.
     *
     * @throws IOException if the folder is missing, does not have the layout's structure, or a
     *     file the whole data set depends on (an index, a split list) is missing or unreadable
     *     (one line saying what was expected)
     */
    DatasetListing list(Path root) throws IOException;
}
