package io.lvnet.data;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A face crop and where it came from.
 *
 * @param image the crop, {@code box.size() x box.size()}, same type as the source image; an
 *     independent copy that outlives the source (closing it frees its native memory)
 * @param box the crop's square in the source image's coordinates
 */
public record FaceCrop(Mat image, CropBox box) implements AutoCloseable {
    @Override
    public void close() {
        image.close();
    }
}
