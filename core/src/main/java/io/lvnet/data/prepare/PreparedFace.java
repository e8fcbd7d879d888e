package io.lvnet.data.prepare;

import io.lvnet.data.CropBox;
import io.lvnet.data.FaceBox;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A face cut out of a frame by {@link FaceCropper}.
 *
 * @param image the crop resized to the output size, BGR; closing the record frees it
 * @param box the crop's square in the frame
 * @param face the detected face box in the output crop's pixels
 */
public record PreparedFace(Mat image, CropBox box, FaceBox face) implements AutoCloseable {
    @Override
    public void close() {
        image.close();
    }
}
