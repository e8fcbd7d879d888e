package io.lvnet.blend;



import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.erode;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import io.lvnet.data.Raster;
import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** Image operations the manipulations share: blend weights, blending, resampling, colour shifts. */
public final class Blend {
    private Blend() {
    }

    /**
     * A blend weight map: the polygon filled, grown (or shrunk, when negative) by
     * {@code growPx}, then feathered with a Gaussian of {@code featherPx}. The Gaussian's kernel
     * is finite, so the weight is exactly 0 beyond a few sigmas.
     */
    public static float[] weight(int size, double[][] polygon, double growPx, double featherPx) {
        try (PointerScope scope = new PointerScope()) {
            Mat mask = new Mat(size, size, CV_8UC1, new Scalar(0));
            Draw.fill(mask, polygon, 255);
            int r = (int) Math.round(Math.abs(growPx));
            if (r > 0) {
                Mat kernel = getStructuringElement(MORPH_ELLIPSE, new Size(2 * r + 1, 2 * r + 1));
                if (growPx > 0) {
                    dilate(mask, mask, kernel);
                } else {
                    erode(mask, mask, kernel);
                }
            }
            Mat w = new Mat();
            mask.convertTo(w, CV_32F, 1 / 255.0, 0);
            if (featherPx > 0.05) {
                GaussianBlur(w, w, new Size(0, 0), featherPx);
            }
            float[] out = new float[size * size];
            new FloatPointer(w.data()).get(out);
            for (int i = 0; i < out.length; i++) {
                // rounding in the separable filter can leave specks of 1e-9 where the kernel ends
                if (out[i] < 1e-4f) {
                    out[i] = 0;
                }
            }
            return out;
        }
    }

    /**
     * {@link #weight(int, double[][], double, double)} for a {@code width x height} image: the
     * map is made on the enclosing square and its first rows and columns kept.
     */
    public static float[] weight(int width, int height, double[][] polygon, double growPx, double featherPx) {
        int size = Math.max(width, height);
        float[] w = weight(size, polygon, growPx, featherPx);
        if (width == size && height == size) {
            return w;
        }
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(w, y * size, out, y * width, width);
        }
        return out;
    }

    /** {@code real} where the weight is 0, else {@code real + w (src - real)}, rounded. */
    public static Raster blend(Raster real, Raster src, float[] w) {
        byte[] a = real.data();
        byte[] b = src.data();
        byte[] out = a.clone();
        int ch = real.channels();
        for (int p = 0; p < w.length; p++) {
            float wp = w[p];
            if (wp <= 0) {
                continue;
            }
            for (int c = 0; c < ch; c++) {
                int i = p * ch + c;
                int x = a[i] & 0xff;
                int y = b[i] & 0xff;
                out[i] = (byte) Math.round(x + wp * (y - x));
            }
        }
        return new Raster(real.width(), real.height(), ch, out);
    }

    /** The convex hull of points (Andrew's monotone chain), counter-clockwise. */
    public static double[][] hull(double[][] pts) {
        double[][] p = pts.clone();
        Arrays.sort(p, (u, v) -> u[0] != v[0] ? Double.compare(u[0], v[0]) : Double.compare(u[1], v[1]));
        int n = p.length;
        double[][] h = new double[2 * n][];
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0) {
                k--;
            }
            h[k++] = p[i];
        }
        for (int i = n - 2, t = k + 1; i >= 0; i--) {
            while (k >= t && cross(h[k - 2], h[k - 1], p[i]) <= 0) {
                k--;
            }
            h[k++] = p[i];
        }
        return Arrays.copyOf(h, Math.max(1, k - 1));
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }

    /** Landmarks {@code from..to} inclusive. */
    public static double[][] range(double[][] landmarks, int from, int to) {
        return Arrays.copyOfRange(landmarks, from, to + 1);
    }

    /** The concatenation of point lists. */
    public static double[][] concat(double[][]... parts) {
        return Draw.concat(parts);
    }

    /** Points moved towards their centroid by a fraction. */
    public static double[][] shrunk(double[][] pts, double fraction, double[] centre) {
        double[][] out = new double[pts.length][];
        for (int i = 0; i < pts.length; i++) {
            out[i] = new double[] {pts[i][0] + (centre[0] - pts[i][0]) * fraction,
                pts[i][1] + (centre[1] - pts[i][1]) * fraction};
        }
        return out;
    }

    /** The mean of points. */
    public static double[] centroid(double[][] pts) {
        double x = 0;
        double y = 0;
        for (double[] p : pts) {
            x += p[0];
            y += p[1];
        }
        return new double[] {x / pts.length, y / pts.length};
    }

    /** Down to {@code scale} with area averaging, back up bilinearly: detail lost, size kept. */
    public static Raster resample(Raster img, double scale) {
        try (PointerScope scope = new PointerScope()) {
            Mat m = img.toMat();
            Mat small = new Mat();
            int w = Math.max(2, (int) Math.round(img.width() * scale));
            int h = Math.max(2, (int) Math.round(img.height() * scale));
            resize(m, small, new Size(w, h), 0, 0, INTER_AREA);
            Mat back = new Mat();
            resize(small, back, new Size(img.width(), img.height()), 0, 0, INTER_LINEAR);
            return Raster.of(back);
        }
    }

    /** Gaussian blur. */
    public static Raster blur(Raster img, double sigma) {
        if (sigma <= 0.05) {
            return img;
        }
        try (PointerScope scope = new PointerScope()) {
            Mat m = img.toMat();
            GaussianBlur(m, m, new Size(0, 0), sigma);
            return Raster.of(m);
        }
    }

    /** Moves the image by a sub-pixel offset (bilinear, edges repeated). */
    public static Raster shift(Raster img, double dx, double dy) {
        try (PointerScope scope = new PointerScope()) {
            Mat m = img.toMat();
            Mat t = new Mat(2, 3, CV_64F);
            new DoublePointer(t.data()).put(1, 0, dx, 0, 1, dy);
            Mat out = new Mat();
            warpAffine(m, out, t, new Size(img.width(), img.height()), INTER_LINEAR, BORDER_REPLICATE, new Scalar(0));
            return Raster.of(out);
        }
    }

    /** Mean colour of the pixels whose weight is at least {@code threshold}. */
    static double[] mean(Raster img, float[] w, float threshold) {
        double[] sum = new double[img.channels()];
        long n = 0;
        byte[] d = img.data();
        int ch = img.channels();
        for (int p = 0; p < w.length; p++) {
            if (w[p] >= threshold) {
                n++;
                for (int c = 0; c < ch; c++) {
                    sum[c] += d[p * ch + c] & 0xff;
                }
            }
        }
        for (int c = 0; c < ch; c++) {
            sum[c] = n == 0 ? 0 : sum[c] / n;
        }
        return sum;
    }

    /** Each channel multiplied by a gain and shifted by an offset, clamped. */
    public static Raster colour(Raster img, double[] gain, double[] offset) {
        byte[] d = img.data();
        byte[] out = new byte[d.length];
        int ch = img.channels();
        for (int i = 0; i < d.length; i++) {
            int c = i % ch;
            out[i] = (byte) Math.max(0, Math.min(255, Math.round((d[i] & 0xff) * gain[c] + offset[c])));
        }
        return new Raster(img.width(), img.height(), ch, out);
    }

    /**
     * Moves the colour of {@code src} inside the blend towards {@code real}'s, leaving a share
     * {@code residual} of the difference: colour transfer as swapping tools do it, imperfectly.
     */
    public static Raster matchColour(Raster src, Raster real, float[] w, double residual) {
        double[] ms = mean(src, w, 0.5f);
        double[] mr = mean(real, w, 0.5f);
        double[] offset = new double[ms.length];
        double[] gain = new double[ms.length];
        for (int c = 0; c < ms.length; c++) {
            offset[c] = (1 - residual) * (mr[c] - ms[c]);
            gain[c] = 1;
        }
        return colour(src, gain, offset);
    }

    /** Each region taken from the forged face where the blend weight is at least one half, else from the real one. */
    public static RenderedFrame.Regions regions(RenderedFrame.Regions real, RenderedFrame.Regions forged, float[] w,
            boolean mouth, boolean eyes, boolean nose) {
        return new RenderedFrame.Regions(mouth ? pick(real.mouth(), forged.mouth(), w) : real.mouth(),
                eyes ? pick(real.eyes(), forged.eyes(), w) : real.eyes(),
                nose ? pick(real.nose(), forged.nose(), w) : real.nose());
    }

    private static Raster pick(Raster real, Raster forged, float[] w) {
        byte[] out = real.data().clone();
        byte[] f = forged.data();
        for (int p = 0; p < w.length; p++) {
            if (w[p] >= 0.5f) {
                out[p] = f[p];
            }
        }
        return new Raster(real.width(), real.height(), 1, out);
    }
}
