package io.lvnet.data.prepare;

import java.util.List;

/**
 * What a {@link DatasetLayout} found under a data set's root.
 *
 * @param videos the videos to prepare, in a stable order
 * @param problems one line per entry of the data set's own lists or folders that could not be
 *     used as it is (a listed video that is missing, a malformed line, a fake without its mask
 *     video); the entry is left out or prepared with what is known, and the run goes on
 */
public record DatasetListing(List<VideoSource> videos, List<String> problems) {
    public DatasetListing {
        videos = List.copyOf(videos);
        problems = List.copyOf(problems);
    }

    /** A listing without problems. */
    public static DatasetListing of(List<VideoSource> videos) {
        return new DatasetListing(videos, List.of());
    }
}
