package io.lvnet.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A batch in host memory, as loader threads produce it without touching the engine: images
 * normalised to [-1, 1] (B x 3 x S x S), labels (1 = fake), binary forgery masks (B x 1 x S x S,
 * zeros for real faces) and, where available, reference regions (B x 1 x S x S) for SSPSL.
 *
 * @param count faces in the batch
 * @param size side of each image
 * @param images count x 3 x size x size values
 * @param labels count labels
 * @param masks count x size x size values in {0, 1}
 * @param regions count x size x size values in {0, 1}, or null
 * @param faces where each face comes from (video, frame, method, compression), for metrics
 */
public record HostBatch(int count, int size, float[] images, long[] labels, float[] masks, float[] regions,
        List<FaceInfo> faces) {

    /**
     * Where a face comes from.
     *
     * @param video the video's id (frames of one video share it)
     * @param frame the frame's index in its video
     * @param method the manipulation method ("original" for real faces)
     * @param compression the compression level (e.g. raw, c23, c40)
     * @param maskKnown whether its mask is the truth (a real face's, a fake's with a mask file, a
     *     self-blend's), not an all-zero stand-in for an unknown one
     */
    public record FaceInfo(String video, int frame, String method, String compression, boolean maskKnown) {
        /** A face whose mask is known. */
        public FaceInfo(String video, int frame, String method, String compression) {
            this(video, frame, method, compression, true);
        }
    }

    public HostBatch {
        long plane = (long) size * size;
        if (images.length != count * 3 * plane || labels.length != count || masks.length != count * plane
                || (regions != null && regions.length != count * plane)
                || faces.size() != count) {
            throw new IllegalArgumentException("inconsistent batch of " + count + " faces of " + size + " px");
        }
    }

    /** The images as an engine array. */
    public NDArray images(NDManager m) {
        return m.create(images, new Shape(count, 3, size, size));
    }

    /** The labels as an engine array. */
    public NDArray labels(NDManager m) {
        return m.create(labels);
    }

    /** The masks as an engine array. */
    public NDArray masks(NDManager m) {
        return m.create(masks, new Shape(count, 1, size, size));
    }
}
