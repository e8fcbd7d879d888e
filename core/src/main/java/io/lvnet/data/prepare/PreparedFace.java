package io.lvnet.data.prepare;

import io.lvnet.data.CropBox;
import io.lvnet.data.CropTransform;
import io.lvnet.data.FaceBox;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A face cut out of a frame by {@link FaceCropper}.
 *
 * @param image the crop resized to the output size, BGR; closing the record frees it
 * @param box the crop's square in the frame
 * @param face the detected face box in the output crop's pixels
 * @param alignment the map from the frame to the output crop of an aligned face ({@code --align});
 *     null for a box crop
 */
public record PreparedFace(Mat image, CropBox box, FaceBox face, CropTransform alignment) implements AutoCloseable {
    /** A box crop. */
    public PreparedFace(Mat image, CropBox box, FaceBox face) {
        this(image, box, face, null);
    }

    @Override
    public void close() {
        image.close();
    }
}
