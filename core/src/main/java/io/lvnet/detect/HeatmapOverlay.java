package io.lvnet.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLORMAP_JET;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.applyColorMap;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Locate, as a picture: the face crop with its patch map upsampled, coloured (blue = real,
 * red = forged) and blended over it, and the verdict written on top.
 */
public final class HeatmapOverlay {
    private static final double ALPHA = 0.45;

    private HeatmapOverlay() {
    }

    /**
     * Writes the overlay PNG.
     *
     * @param rgb the crop, size x size x 3 RGB bytes
     * @param patchMap S x S forgery probabilities
     */
    public static void write(Path png, byte[] rgb, int size, float[][] patchMap, float fakeProbability, float threshold)
            throws IOException {
        byte[] bytes = png(rgb, size, patchMap, fakeProbability, threshold);
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, bytes);
    }

    /**
     * The overlay as a PNG file's bytes (for callers that send it rather than store it, such as
     * the service).
     *
     * @param rgb the crop, size x size x 3 RGB bytes
     * @param patchMap S x S forgery probabilities
     */
    public static byte[] png(byte[] rgb, int size, float[][] patchMap, float fakeProbability, float threshold) {
        try (PointerScope scope = new PointerScope()) {
            Mat crop = new Mat(size, size, CV_8UC3);
            crop.data().put(rgb);
            Mat bgr = new Mat();
            cvtColor(crop, bgr, COLOR_RGB2BGR);

            int grid = patchMap.length;
            Mat map = new Mat(grid, grid, CV_32F);
            FloatPointer fp = new FloatPointer(map.data());
            for (int r = 0; r < grid; r++) {
                for (int c = 0; c < grid; c++) {
                    fp.put((long) r * grid + c, patchMap[r][c] * 255f);
                }
            }
            Mat up = new Mat();
            resize(map, up, new Size(size, size), 0, 0, INTER_CUBIC);
            Mat bytes = new Mat();
            up.convertTo(bytes, org.bytedeco.opencv.global.opencv_core.CV_8U);
            Mat coloured = new Mat();
            applyColorMap(bytes, coloured, COLORMAP_JET);
            Mat blended = new Mat();
            addWeighted(bgr, 1 - ALPHA, coloured, ALPHA, 0, blended);

            boolean fake = fakeProbability >= threshold;
            Scalar colour = fake ? new Scalar(40, 40, 230, 0) : new Scalar(60, 180, 60, 0);
            double font = Math.max(0.35, size / 600.0); // legible on 160 px crops, not huge on 299
            int band = (int) Math.round(30 * font + 8);
            rectangle(blended, new Point(0, 0), new Point(size - 1, band), new Scalar(0, 0, 0, 0), -1, LINE_AA, 0);
            putText(blended, String.format(Locale.ROOT, "%s %.3f", fake ? "FAKE" : "real", fakeProbability),
                    new Point(5, band - 6), FONT_HERSHEY_SIMPLEX, font, colour, 1, LINE_AA, false);
            BytePointer encoded = new BytePointer();
            if (!imencode(".png", blended, encoded)) {
                throw new IllegalStateException("OpenCV could not encode the overlay as PNG");
            }
            byte[] file = new byte[(int) encoded.limit()];
            encoded.get(file);
            return file;
        }
    }
}
