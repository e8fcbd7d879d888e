package io.lvnet.detect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lvnet.landmarks.GrayImage;

/**
 * How well a face can be judged at all: its size in the picture, how sharp it is as the model
 * sees it, and how blocky JPEG-style compression has left it. A face too small, too blurred or
 * too compressed gets an inconclusive verdict whatever its score ({@link QualityGate}): the
 * traces LVNet reads are the first thing resampling, blur and quantisation destroy.
 *
 * @param facePx the shorter side of the face's box, in the picture's pixels
 * @param sharpness variance of the 4-neighbour Laplacian of the crop's intensities (0..255) at the
 *     model's input size; about 500 and more for a crisp face, under 20 for a badly blurred one
 * @param blockiness mean intensity step across the borders of the picture's 8 x 8 pixel grid
 *     divided by the mean step inside its blocks; about 1 for an uncompressed face, rising as
 *     JPEG (or another block transform) quantises harder
 * @param reason why the face is too poor to judge, or null when it can be judged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaceQuality(
        @JsonProperty("face_px") int facePx,
        @JsonProperty("sharpness") double sharpness,
        @JsonProperty("blockiness") double blockiness,
        @JsonProperty("reason") String reason) {

    /** The side of the transform blocks whose borders blockiness looks at (JPEG's, and H.264's largest). */
    static final int BLOCK = 8;
    /** The mean step (intensity levels) below which a picture counts as flat. */
    private static final double FLAT_STEP = 0.5;

    /**
     * Measures a face.
     *
     * @param box x, y, width, height of the face in the picture
     * @param crop the crop at the picture's resolution
     * @param cropX the crop's left edge in the picture, so that the block grid lines up
     * @param cropY its top edge
     * @param modelInput the crop resized to the model's input, {@code size x size x 3} RGB bytes
     * @param size the model's input size
     */
    public static FaceQuality measure(int[] box, GrayImage crop, int cropX, int cropY, byte[] modelInput, int size) {
        return new FaceQuality(Math.min(box[2], box[3]), sharpness(modelInput, size), blockiness(crop, cropX, cropY), null);
    }

    /** This measurement with the gate's verdict on it. */
    FaceQuality judgedBy(QualityGate gate) {
        return new FaceQuality(facePx, sharpness, blockiness, gate.reason(this));
    }

    /** Whether the face is good enough to judge. */
    public boolean judgeable() {
        return reason == null;
    }

    static double sharpness(byte[] rgb, int size) {
        float[] g = new float[size * size];
        for (int i = 0, j = 0; i < g.length; i++, j += 3) {
            g[i] = 0.299f * (rgb[j] & 0xFF) + 0.587f * (rgb[j + 1] & 0xFF) + 0.114f * (rgb[j + 2] & 0xFF);
        }
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (int y = 1; y < size - 1; y++) {
            for (int x = 1; x < size - 1; x++) {
                int i = y * size + x;
                double lap = g[i - 1] + g[i + 1] + g[i - size] + g[i + size] - 4 * g[i];
                sum += lap;
                sumSq += lap * lap;
                n++;
            }
        }
        if (n == 0) {
            return 0;
        }
        double mean = sum / n;
        return Math.max(0, sumSq / n - mean * mean);
    }

    static double blockiness(GrayImage g, int offX, int offY) {
        double[] across = new double[2];
        long[] counts = new long[2];
        for (int y = 0; y < g.height(); y++) {
            for (int x = 1; x < g.width(); x++) {
                int k = Math.floorMod(x + offX, BLOCK) == 0 ? 0 : 1;
                across[k] += Math.abs(g.at(x, y) - g.at(x - 1, y));
                counts[k]++;
            }
        }
        for (int y = 1; y < g.height(); y++) {
            int k = Math.floorMod(y + offY, BLOCK) == 0 ? 0 : 1;
            for (int x = 0; x < g.width(); x++) {
                across[k] += Math.abs(g.at(x, y) - g.at(x, y - 1));
                counts[k]++;
            }
        }
        if (counts[0] == 0 || counts[1] == 0) {
            return 1; // too small to have a grid: no evidence of blocks
        }
        double border = across[0] / counts[0];
        double inside = across[1] / counts[1];
        // steps under half an intensity level are noise: a nearly flat face is no evidence of blocks
        return Math.max(border, FLAT_STEP) / Math.max(inside, FLAT_STEP);
    }
}
