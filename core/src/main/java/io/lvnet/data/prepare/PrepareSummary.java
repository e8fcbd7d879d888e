package io.lvnet.data.prepare;

import io.lvnet.data.FrameRecord;
import java.util.List;

/**
 * What a {@link Preparer} run did.
 *
 * @param videos inputs listed
 * @param prepared videos prepared by this run
 * @param skipped videos completed by an earlier run and skipped
 * @param failed videos that could not be read or showed no face (see {@code problems})
 * @param framesWritten face crops written by this run
 * @param facesNotFound sampled frames of prepared videos in which no face was found
 * @param datasetProblems entries of the data set's own lists or folders that could not be used
 *     as they are (see {@link DatasetListing#problems()}; also in {@code problems})
 * @param problems the data set's problems, one line per failed video (file: reason), and notes
 *     such as unreadable mask videos
 * @param index every record of the finished index (this run's and the skipped videos')
 * @param seconds wall time of the run
 */
public record PrepareSummary(int videos, int prepared, int skipped, int failed, long framesWritten,
        long facesNotFound, int datasetProblems, List<String> problems, List<FrameRecord> index, double seconds) {

    /** Face crops written per second of wall time. */
    public double framesPerSecond() {
        return framesWritten / Math.max(1e-9, seconds);
    }
}
