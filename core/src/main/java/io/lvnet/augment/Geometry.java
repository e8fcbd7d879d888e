package io.lvnet.augment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/** Runs a {@link PlaneOp} over the image and masks of a sample, freeing all native memory. */
final class Geometry {
    private Geometry() {
    }

    /**
     * @return a new sample whose image and masks are {@code op} applied to the input's; every
     *     plane must come out with the same size
     */
    static Sample apply(Sample sample, PlaneOp op) {
        // the scope frees every matrix, size and scalar created inside, even temporaries the
        // operation allocates, so thousands of calls per epoch do not accumulate native memory
        try (PointerScope scope = new PointerScope()) {
            Mat image = NativeImages.rgbMat(sample);
            Mat out = new Mat();
            op.apply(image, out, false);
            int height = out.rows();
            int width = out.cols();
            byte[] rgb = NativeImages.toBytes(out);
            Map<String, byte[]> masks = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> entry : sample.maskData().entrySet()) {
                Mat mask = NativeImages.toMat(entry.getValue(), sample.height(), sample.width(), 1);
                Mat maskOut = new Mat();
                op.apply(mask, maskOut, true);
                if (maskOut.rows() != height || maskOut.cols() != width) {
                    throw new IllegalStateException("mask '" + entry.getKey() + "' came out "
                            + maskOut.rows() + "x" + maskOut.cols() + ", image " + height + "x" + width);
                }
                masks.put(entry.getKey(), NativeImages.toBytes(maskOut));
            }
            return Sample.owning(height, width, rgb, masks);
        }
    }
}
