package io.lvnet.augment;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.util.random.RandomGenerator;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Re-compresses the image as JPEG at a random quality and decodes it again, with OpenCV's
 * {@code imencode} and {@code imdecode} (the reference's {@code ImageCompression}; recipe:
 * quality 60 to 100 inclusive, probability 0.3). Image only.
 *
 * <p>As in the reference, the RGB pixels are handed to the encoder, which takes them for BGR,
 * so its colour conversion weighs red as blue and blue as red. The decoder undoes the same
 * conversion, so the channel order comes back unchanged; only the artefacts differ slightly
 * from those of an encoder told the true order.
 */
public final class JpegCompression implements Transform {
    private final int minQuality;
    private final int maxQuality;

    /** The recipe's range: quality 60 to 100. */
    public JpegCompression() {
        this(60, 100);
    }

    /**
     * @param minQuality lowest JPEG quality drawn, 1 to 100
     * @param maxQuality highest JPEG quality drawn (inclusive), minQuality to 100
     */
    public JpegCompression(int minQuality, int maxQuality) {
        if (minQuality < 1 || minQuality > maxQuality || maxQuality > 100) {
            throw new IllegalArgumentException("need 1 <= minQuality <= maxQuality <= 100, got "
                    + minQuality + ", " + maxQuality);
        }
        this.minQuality = minQuality;
        this.maxQuality = maxQuality;
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        return recompress(sample, drawQuality(random));
    }

    int drawQuality(RandomGenerator random) {
        return random.nextInt(minQuality, maxQuality + 1);
    }

    /**
     * Encodes the image as JPEG at the given quality and decodes the result.
     *
     * @param sample the input
     * @param quality JPEG quality, 0 to 100
     * @return the sample with the decoded image, masks unchanged
     */
    public static Sample recompress(Sample sample, int quality) {
        try (PointerScope scope = new PointerScope()) {
            Mat decoded = roundTrip(NativeImages.rgbMat(sample), quality);
            return sample.withRgb(NativeImages.toBytes(decoded));
        }
    }

    /**
     * Encodes an 8-bit, 3-channel image as JPEG at the given quality and decodes it again
     * (channel order is kept: OpenCV codes whatever order it is given alike).
     *
     * @param image the image; not closed
     * @param quality JPEG quality, 0 to 100
     * @return the decoded image, the caller's (or its pointer scope's) to close
     */
    public static Mat roundTrip(Mat image, int quality) {
        try (BytePointer encoded = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, quality)) {
            if (!imencode(".jpg", image, encoded, params)) {
                throw new IllegalStateException("OpenCV could not encode a JPEG");
            }
            Mat decoded;
            try (Mat buffer = new Mat(1, Math.toIntExact(encoded.limit()), CV_8UC1, encoded)) {
                decoded = imdecode(buffer, IMREAD_UNCHANGED);
            }
            if (decoded.empty() || decoded.rows() != image.rows() || decoded.cols() != image.cols()
                    || decoded.channels() != 3) {
                throw new IllegalStateException("OpenCV decoded its own JPEG wrongly: " + decoded.rows()
                        + "x" + decoded.cols() + "x" + decoded.channels());
            }
            return decoded;
        }
    }

    @Override
    public String toString() {
        return "JpegCompression(" + minQuality + "-" + maxQuality + ")";
    }
}
