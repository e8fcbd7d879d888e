package io.lvnet.data;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds faces in an image. Implementations hold native resources (a classifier or a
 * network), so a detector is closed when done; after {@link #close()}, {@link #detect}
 * throws {@link IllegalStateException}.
 *
 * <p>Implementations in this package are safe to share between threads, but they
 * serialise calls to {@code detect} because the underlying OpenCV objects are not
 * thread-safe; to detect in parallel, give each thread its own detector.
 */
public interface FaceDetector extends AutoCloseable {
    /**
     * Detects the faces in an image.
     *
     * @param bgr 8-bit image in OpenCV's channel order (BGR; grey and BGRA are accepted too);
     *     not modified, not closed
     * @return the faces, best score first (ties: larger box first), each box clipped to the
     *     image, one box per face (overlapping boxes merged: {@link OverlapSuppression}); empty
     *     when there is no face
     * @throws IllegalArgumentException if the image is empty or not 8-bit with 1, 3 or 4
     *     channels
     */
    List<FaceBox> detect(Mat bgr);

    /** Releases the native resources; closing twice is harmless. */
    @Override
    void close();
}
