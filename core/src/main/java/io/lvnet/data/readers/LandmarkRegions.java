package io.lvnet.data.readers;

import io.lvnet.data.Raster;
import io.lvnet.weights.NpzReader;
import io.lvnet.weights.TensorData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Mouth, eyes and nose regions from facial landmarks in dlib's 68-point order (DeepfakeBench
 * stores dlib's 81-point model, whose first 68 points are the same): each region is the box
 * around its points (eyes 36-47, nose 27-35, mouth 48-67) widened by 8 % of the face's width
 * (jaw point 0 to 16) on every side, so that it holds the part and a margin, as the reference
 * regions of lvnet's other layouts do.
 */
final class LandmarkRegions {
    private static final int POINTS = 68;
    private static final double MARGIN = 0.08;

    private final float[] xy;

    private LandmarkRegions(float[] xy) {
        this.xy = xy;
    }

    /**
     * Reads a NumPy {@code .npy} array of shape {@code (n, 2)}, n at least 68, of (x, y) pixel
     * positions in the frame image.
     *
     * @throws IOException naming the file when it is not such an array
     */
    static LandmarkRegions read(Path npy) throws IOException {
        TensorData t;
        try (InputStream in = Files.newInputStream(npy)) {
            t = NpzReader.readNpy(npy.toString(), in);
        }
        long[] shape = t.shape();
        if (shape.length != 2 || shape[1] != 2 || shape[0] < POINTS) {
            throw new IOException(npy + ": expected landmarks of shape (68 or more, 2), got "
                    + Arrays.toString(shape));
        }
        return new LandmarkRegions(t.toFloats());
    }

    /** A region ({@code mouth}, {@code eyes} or {@code nose}) of a {@code width x height} image, 0 or 255. */
    Raster region(String region, int width, int height) {
        return switch (region) {
            case "mouth" -> box(48, 67, width, height);
            case "eyes" -> box(36, 47, width, height);
            case "nose" -> box(27, 35, width, height);
            default -> throw new IllegalArgumentException("unknown region '" + region + "' (mouth, eyes or nose)");
        };
    }

    private Raster box(int first, int last, int width, int height) {
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (int i = first; i <= last; i++) {
            x0 = Math.min(x0, xy[2 * i]);
            x1 = Math.max(x1, xy[2 * i]);
            y0 = Math.min(y0, xy[2 * i + 1]);
            y1 = Math.max(y1, xy[2 * i + 1]);
        }
        double margin = MARGIN * Math.abs(xy[2 * 16] - xy[0]);
        int ax = clamp(x0 - margin, width);
        int bx = clamp(x1 + margin + 1, width);
        int ay = clamp(y0 - margin, height);
        int by = clamp(y1 + margin + 1, height);
        byte[] data = new byte[width * height];
        for (int y = ay; y < by; y++) {
            for (int x = ax; x < bx; x++) {
                data[y * width + x] = (byte) 255;
            }
        }
        return new Raster(width, height, 1, data);
    }

    private static int clamp(double v, int size) {
        return (int) Math.max(0, Math.min(size, Math.round(v)));
    }
}
