package io.lvnet.landmarks;

import io.lvnet.data.Raster;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The intensities a shape predictor compares: one byte per pixel, row-major.
 *
 * <p>Colour pictures are converted as dlib's {@code get_pixel_intensity} converts an
 * {@code rgb_pixel}: the truncated mean {@code (r + g + b) / 3}, not a weighted luma, so that
 * the trees see the values dlib's trees were trained and tested on.
 *
 * @param width columns
 * @param height rows
 * @param pixels {@code width * height} intensities
 */
public record GrayImage(int width, int height, byte[] pixels) {
    public GrayImage {
        if (width <= 0 || height <= 0 || pixels.length != (long) width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image needs " + (long) width * height
                    + " pixels, got " + pixels.length);
        }
    }

    /** The intensity at column {@code x}, row {@code y} (0..255). */
    public int at(int x, int y) {
        return pixels[y * width + x] & 0xFF;
    }

    /** Intensities of an 8-bit picture: grey (1 channel) as it is, BGR or RGB (3 channels) as their mean. */
    public static GrayImage of(Raster image) {
        byte[] data = image.data();
        int n = image.width() * image.height();
        if (image.channels() == 1) {
            return new GrayImage(image.width(), image.height(), data.clone());
        }
        if (image.channels() != 3) {
            throw new IllegalArgumentException("expected a grey or 3-channel picture, got " + image.channels() + " channels");
        }
        byte[] grey = new byte[n];
        for (int i = 0, j = 0; i < n; i++, j += 3) {
            grey[i] = (byte) (((data[j] & 0xFF) + (data[j + 1] & 0xFF) + (data[j + 2] & 0xFF)) / 3);
        }
        return new GrayImage(image.width(), image.height(), grey);
    }

    /** Intensities of an 8-bit OpenCV matrix (grey or BGR), as {@link #of(Raster)}. */
    public static GrayImage of(Mat image) {
        return of(Raster.of(image));
    }
}
