package io.lvnet.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Face frames already cut out of videos, with their labels, splits and forgery masks: what
 * training and evaluation read. {@link CanonicalDataset} is lvnet's own layout; other tools'
 * layouts (the reference's composite images, DeepfakeBench's folders) are read through the
 * same interface (see {@code io.lvnet.data.readers}).
 *
 * <p>The paths in a {@link FrameRecord} are what the implementation resolves against
 * {@link #dir()}; only the implementation needs to know what a path holds (a crop, or a crop
 * inside a composite image).
 */
public interface FrameDataset {
    /** The folder the dataset's paths are relative to (also used to name it in messages). */
    Path dir();

    /** Every frame, in a stable order. */
    List<FrameRecord> frames();

    /** The frames of one split, in the order of {@link #frames()}. */
    default List<FrameRecord> frames(Split split) {
        return frames().stream().filter(f -> f.split() == split).toList();
    }

    /** The frame's face as 8-bit BGR; the caller closes it. */
    Mat readImage(FrameRecord frame) throws IOException;

    /**
     * The frame's forgery mask as 8-bit, 1 channel, 0 or 255, the size of {@code image}; all
     * zero for a real frame without a mask.
     *
     * @param image the frame's image (for its size)
     * @throws IllegalStateException if the frame is fake and its mask unknown
     */
    Mat readMask(FrameRecord frame, Mat image) throws IOException;

    /**
     * A reference region ({@code mouth}, {@code eyes} or {@code nose}) as 8-bit, 1 channel, 0
     * or 255, the size of the frame's image.
     *
     * @throws IllegalStateException if the frame's regions are unknown
     */
    Mat readRegion(FrameRecord frame, String region) throws IOException;

    /** Whether {@link #readRegion} can give this frame's regions (semi-supervised training needs them). */
    default boolean regionsKnown(FrameRecord frame) {
        return frame.regions() != null;
    }

    /**
     * Whether the frame's regions are the data set's own (drawn from its landmarks or its
     * renderer), rather than guessed by the reader; {@code datasets.regions} defaults to them.
     */
    default boolean shipsRegions(FrameRecord frame) {
        return regionsKnown(frame);
    }

    /**
     * The face box of a {@code width x height} frame image, in its pixels: the index's box, or,
     * for a crop without one, the centred square a crop {@link FaceCrops#DEFAULT_SCALE} times
     * the face holds.
     */
    default FaceBox faceBox(FrameRecord frame, int width, int height) {
        if (frame.box() != null) {
            return frame.box();
        }
        return FaceBox.centred(width, height, FaceCrops.DEFAULT_SCALE);
    }
}
