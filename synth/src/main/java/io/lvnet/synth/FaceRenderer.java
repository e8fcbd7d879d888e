package io.lvnet.synth;

import io.lvnet.blend.ValueNoise;

import io.lvnet.blend.Rng;

import io.lvnet.blend.RenderedFrame;

import io.lvnet.blend.Draw;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.lvnet.data.FaceBox;
import io.lvnet.data.Raster;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Draws a person into a scene: torso, neck, hair, ears, a textured and lit face with brows,
 * eyes, nose and mouth, then the camera's sensor noise. Drawing happens at twice the output
 * resolution and is averaged down, which anti-aliases every edge.
 *
 * <p>Each part is painted with a flat colour and tagged with a material; one pass over the
 * pixels then applies what depends on position: skin, hair and fabric texture glued to the
 * face's coordinates, diffuse shading from the light on an ellipsoidal head, soft shadows (eye
 * sockets, nose, chin) and highlights. Dark eye sockets and brows over lit cheeks and a lit nose
 * bridge are what a frontal face detector looks for.
 */
public final class FaceRenderer {
    /** Drawing resolution relative to the output. */
    public static final int SUPERSAMPLE = 2;

    private static final byte BG = 0;
    private static final byte TORSO = 1;
    private static final byte HAIR = 2;
    private static final byte NECK = 3;
    private static final byte EAR = 4;
    private static final byte FACE = 5;
    private static final byte FEATURE = 6;
    private static final byte EYE = 7;
    private static final byte LIPS = 8;
    private static final byte BROW = 9;

    private final int size;

    /** A renderer of {@code size x size} frames. */
    public FaceRenderer(int size) {
        if (size < 32) {
            throw new IllegalArgumentException("frame size must be at least 32 pixels, got " + size);
        }
        this.size = size;
    }

    /** Output side length in pixels. */
    public int size() {
        return size;
    }

    /**
     * Renders one frame.
     *
     * @param scene background and light (background drawn at {@code size * SUPERSAMPLE})
     * @param id who
     * @param ex the expression in this frame
     * @param pose the head pose in this frame
     * @param noise the stream for this frame's sensor noise, or null for none (a clean render,
     *     as graphics-based manipulations produce)
     * @return the frame with its landmarks, face box and regions
     */
    public RenderedFrame render(Scene scene, Identity id, Expression ex, HeadPose pose, Rng noise) {
        if (scene.background().size() != size * SUPERSAMPLE) {
            throw new IllegalArgumentException("background is " + scene.background().size() + " px, expected "
                    + size * SUPERSAMPLE);
        }
        int n = size * SUPERSAMPLE;
        Lighting light = scene.lighting();
        FaceGeometry g = new FaceGeometry(id, ex, pose, n, light.direction()[0]);
        try (PointerScope scope = new PointerScope()) {
            Mat canvas = scene.background().toMat();
            Mat material = new Mat(n, n, CV_8UC1, new Scalar(0));
            Painter p = new Painter(canvas, material);
            paintPerson(p, g, id);
            // shadows, highlights and blush lie on the head: draw and blur them in its box only
            Roi roi = Roi.around(g, n);
            Mat shadow = new Mat(roi.h, roi.w, CV_32FC1, new Scalar(0));
            Mat highlight = new Mat(roi.h, roi.w, CV_32FC1, new Scalar(0));
            Mat blush = new Mat(roi.h, roi.w, CV_32FC1, new Scalar(0));
            paintShadows(g, roi, shadow, highlight, blush, id);
            double u = g.unit;
            GaussianBlur(shadow, shadow, new Size(0, 0), 0.035 * u);
            GaussianBlur(highlight, highlight, new Size(0, 0), 0.03 * u);
            GaussianBlur(blush, blush, new Size(0, 0), 0.1 * u);
            shade(canvas, material, roi, shadow, highlight, blush, g, light);
            catchlights(canvas, g, light);
            Mat small = new Mat();
            resize(canvas, small, new Size(size, size), 0, 0, INTER_AREA);
            Raster image = quantise(small, noise == null ? 0 : light.noise(), noise);
            return new RenderedFrame(image, toOutput(g.landmarks), faceBox(g), regions(g), toOutput(g.outline));
        }
    }

    /** Flat colours and materials, back to front. */
    private static void paintPerson(Painter p, FaceGeometry g, Identity id) {
        double[] skin = id.skin();
        p.fill(g.torso, id.clothing(), TORSO);
        if (g.hairBack != null) {
            p.fill(g.hairBack, id.hair(), HAIR);
        }
        p.fill(g.neck, Identity.scale(skin, 0.96), NECK);
        for (double[][] ear : g.ears) {
            p.fill(ear, Identity.scale(skin, 0.97), EAR);
        }
        p.fill(g.outline, skin, FACE);
        for (double[][] f : g.freckles) {
            p.fill(f, Identity.scale(skin, 0.78), FEATURE);
        }
        double[] lips = id.lips();
        p.fill(g.upperLip, Identity.scale(lips, 0.92), LIPS);
        p.fill(g.lowerLip, lips, LIPS);
        if (g.mouthInner != null) {
            p.fill(g.mouthInner, new double[] {28, 24, 58}, FEATURE);
        }
        if (g.teeth != null) {
            p.fill(g.teeth, new double[] {205, 218, 226}, FEATURE);
        }
        int thin = Math.max(1, (int) Math.round(0.014 * g.unit));
        for (int s = 0; s < 2; s++) {
            p.fill(g.nostrils[s], Identity.scale(skin, 0.3), FEATURE);
            p.line(g.alaCreases[s], false, thin, Identity.scale(skin, 0.72), FEATURE);
            p.fill(g.eyes[s], new double[] {222, 228, 232}, EYE);
            p.line(g.upperLids[s], false, Math.max(1, (int) Math.round(0.032 * g.unit)),
                    Identity.scale(id.brow(), 0.35), FEATURE);
            p.line(g.lowerLids[s], false, thin, Identity.scale(skin, 0.62), FEATURE);
            p.fill(g.brows[s], id.brow(), BROW);
        }
        if (g.hairFront != null) {
            p.fill(g.hairFront, id.hair(), HAIR);
        }
    }

    /** Shadow (darkening), highlight and blush maps, before blurring, in the head's box. */
    private static void paintShadows(FaceGeometry g, Roi roi, Mat shadow, Mat highlight, Mat blush, Identity id) {
        for (int s = 0; s < 2; s++) {
            Draw.fill(shadow, roi.local(g.sockets[s]), 0.34);
            Draw.fill(shadow, roi.local(g.earShadows[s]), 0.3);
            Draw.fill(blush, roi.local(g.cheeks[s]), id.blush());
        }
        Draw.fill(shadow, roi.local(g.noseShadow), 0.22);
        Draw.fill(shadow, roi.local(g.underNose), 0.3);
        Draw.fill(shadow, roi.local(g.underLip), 0.18);
        Draw.fill(shadow, roi.local(g.chinShadow), 0.45);
        Draw.fill(highlight, roi.local(g.noseHighlight), 0.35);
    }

    /** The head's bounding box (with room for blurring), where the shading maps live. */
    private record Roi(int x, int y, int w, int h) {
        static Roi around(FaceGeometry g, int n) {
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (double[][] poly : new double[][][] {g.outline, g.chinShadow, g.ears[0], g.ears[1]}) {
                for (double[] p : poly) {
                    minX = Math.min(minX, p[0]);
                    minY = Math.min(minY, p[1]);
                    maxX = Math.max(maxX, p[0]);
                    maxY = Math.max(maxY, p[1]);
                }
            }
            double margin = 0.35 * g.unit;
            int x0 = Math.max(0, (int) Math.floor(minX - margin));
            int y0 = Math.max(0, (int) Math.floor(minY - margin));
            int x1 = Math.min(n, (int) Math.ceil(maxX + margin));
            int y1 = Math.min(n, (int) Math.ceil(maxY + margin));
            return new Roi(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
        }

        double[][] local(double[][] pts) {
            double[][] out = new double[pts.length][];
            for (int i = 0; i < pts.length; i++) {
                out[i] = new double[] {pts[i][0] - x, pts[i][1] - y};
            }
            return out;
        }

        /** Index into a map of this box, or -1 outside it. */
        int index(int px, int py) {
            int lx = px - x;
            int ly = py - y;
            return lx < 0 || ly < 0 || lx >= w || ly >= h ? -1 : ly * w + lx;
        }
    }

    /** Texture, shading, shadows, highlights, blush, iris and pupil, then the light's tint. */
    private static void shade(Mat canvas, Mat material, Roi roi, Mat shadow, Mat highlight, Mat blush,
            FaceGeometry g, Lighting light) {
        int n = canvas.rows();
        int count = n * n;
        float[] px = new float[count * 3];
        byte[] mat = new byte[count];
        float[] sh = new float[roi.w * roi.h];
        float[] hi = new float[sh.length];
        float[] bl = new float[sh.length];
        FloatPointer canvasData = new FloatPointer(canvas.data());
        canvasData.get(px);
        material.data().get(mat);
        new FloatPointer(shadow.data()).get(sh);
        new FloatPointer(highlight.data()).get(hi);
        new FloatPointer(blush.data()).get(bl);

        Identity id = g.id;
        Rng texRng = new Rng(id.textureSeed());
        ValueNoise blotch = new ValueNoise(texRng, 16, 16);
        ValueNoise pores = new ValueNoise(texRng, 128, 128);
        ValueNoise strands = new ValueNoise(texRng, 256, 8);
        ValueNoise fabric = new ValueNoise(texRng, 64, 64);
        double amp = id.skinTexture();
        double[] l = light.direction();
        double amb = light.ambient();
        double[] tint = light.tint();
        HeadPose pose = g.pose;
        double cx = pose.centreX() * n;
        double cy = pose.centreY() * n;
        double cr = Math.cos(pose.roll());
        double sr = Math.sin(pose.roll());
        double inv = 1 / g.unit;
        double hh = g.faceHeight;
        double[] lips = id.lips();
        double irisR = g.irisRadius;
        double pupilR = irisR * 0.42;
        double[] iris = id.iris();
        // the light's direction in head coordinates, so that normals need not be rotated per pixel
        double[] lHead = inverseRotate(pose, l);
        for (int i = 0; i < count; i++) {
            byte m = mat[i];
            int o = i * 3;
            if (m == BG) {
                px[o] *= (float) tint[0];
                px[o + 1] *= (float) tint[1];
                px[o + 2] *= (float) tint[2];
                continue;
            }
            int xPix = i % n;
            int yPix = i / n;
            double dx = xPix - cx;
            double dy = yPix - cy;
            double x = (dx * cr + dy * sr) * inv;
            double y = (-dx * sr + dy * cr) * inv;
            double texture = 1;
            double shading;
            if (m == TORSO) {
                double xt = Math.max(-1, Math.min(1, x / 2.5));
                shading = amb + (1 - amb) * (0.65 + 0.35 * xt * l[0]);
                texture = 1 + 0.05 * fabric.at(x * 12, y * 12);
                if (id.stripes() && (((int) Math.floor(y * 5)) & 1) == 0) {
                    texture *= 0.7;
                }
            } else if (m == NECK) {
                double xn = Math.max(-0.95, Math.min(0.95, x / 0.7));
                double diffuse = Math.max(0, xn * l[0] + 0.2 * l[1] + Math.sqrt(1 - xn * xn) * l[2]);
                shading = (amb + (1 - amb) * diffuse) * 0.85;
                texture = 1 + amp * 0.6 * blotch.at(x * 4 + 7, y * 4 + 7);
            } else {
                // ellipsoid head: x^2 + (y/hh)^2 + (z/D)^2 = 1, normal (x, y/hh^2, z/D^2)
                double r2 = x * x + (y / hh) * (y / hh);
                double sx = x;
                double sy = y;
                if (r2 > 0.97) {
                    double k = Math.sqrt(0.97 / r2);
                    sx *= k;
                    sy *= k;
                    r2 = 0.97;
                }
                double nz = Math.sqrt(1 - r2) / 0.95;
                double ny = sy / (hh * hh);
                double norm = Math.sqrt(sx * sx + ny * ny + nz * nz);
                double diffuse = Math.max(0, (sx * lHead[0] + ny * lHead[1] + nz * lHead[2]) / norm);
                shading = amb + (1 - amb) * 1.1 * diffuse;
                if (m == HAIR || m == BROW) {
                    texture = 1 + 0.22 * strands.at(x * 60 + 3 * y, y * 2) + 0.08 * pores.at(x * 30, y * 30);
                    shading *= m == HAIR ? 0.95 : 1;
                } else if (m == FACE || m == EAR) {
                    texture = 1 + amp * (0.7 * blotch.at(x * 4 + 8, y * 4 + 8) + 0.5 * pores.at(x * 45 + 64, y * 45 + 64));
                } else if (m == LIPS) {
                    texture = 1 + 0.04 * pores.at(x * 80, y * 20);
                } else if (m == EYE) {
                    shading *= 0.92;
                }
            }
            int k = roi.index(xPix, yPix);
            double b = px[o];
            double gg = px[o + 1];
            double r = px[o + 2];
            if (m == FACE && k >= 0 && bl[k] > 0) {
                double w = bl[k];
                b += (lips[0] - b) * w;
                gg += (lips[1] - gg) * w;
                r += (lips[2] - r) * w;
            }
            if (m == EYE) {
                double d = Math.min(dist(xPix, yPix, g.irisCentres[0]), dist(xPix, yPix, g.irisCentres[1]));
                if (d < pupilR) {
                    b = 14;
                    gg = 12;
                    r = 12;
                } else if (d < irisR) {
                    double rim = 0.6 + 0.4 * (1 - (d - pupilR) / (irisR - pupilR));
                    b = iris[0] * rim;
                    gg = iris[1] * rim;
                    r = iris[2] * rim;
                }
            }
            double f = texture * shading * (k >= 0 ? 1 - sh[k] : 1);
            double add = k >= 0 ? hi[k] * 255 * (1 - amb) : 0;
            px[o] = (float) ((b * f + add) * tint[0]);
            px[o + 1] = (float) ((gg * f + add) * tint[1]);
            px[o + 2] = (float) ((r * f + add) * tint[2]);
        }
        canvasData.put(px);
    }

    /**
     * The light direction in head coordinates. Pixel positions are taken back through the roll
     * only (they are 2-D), so normals live in the head's yaw-and-pitch frame: the light is
     * un-rolled and then multiplied by the transpose of the yaw-pitch rotation, whose columns are
     * the rotated axes with the roll taken out again.
     */
    private static double[] inverseRotate(HeadPose pose, double[] v) {
        double[] l = rotateZ(v, -pose.roll());
        double[] ex = rotateZ(pose.rotate(1, 0, 0), -pose.roll());
        double[] ey = rotateZ(pose.rotate(0, 1, 0), -pose.roll());
        double[] ez = rotateZ(pose.rotate(0, 0, 1), -pose.roll());
        return new double[] {dot(l, ex), dot(l, ey), dot(l, ez)};
    }

    private static double[] rotateZ(double[] v, double a) {
        double c = Math.cos(a);
        double s = Math.sin(a);
        return new double[] {v[0] * c - v[1] * s, v[0] * s + v[1] * c, v[2]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double dist(int x, int y, double[] c) {
        double dx = x - c[0];
        double dy = y - c[1];
        return Math.sqrt(dx * dx + dy * dy);
    }

    /** Small bright reflections of the light in the eyes. */
    private static void catchlights(Mat canvas, FaceGeometry g, Lighting light) {
        if (g.ex.eyeOpen() < 0.3) {
            return;
        }
        double r = g.irisRadius * 0.22;
        double[] t = light.tint();
        for (double[] c : g.irisCentres) {
            double x = c[0] + light.direction()[0] * g.irisRadius * 0.45 - g.irisRadius * 0.1;
            double y = c[1] + light.direction()[1] * g.irisRadius * 0.45 - g.irisRadius * 0.25;
            Draw.fill(canvas, Draw.ellipse(x, y, r, r, 0, 10), 240 * t[0], 240 * t[1], 240 * t[2]);
        }
    }

    /** Adds sensor noise and rounds to 8 bits. */
    private static Raster quantise(Mat small, double sigma, Rng noise) {
        int count = small.rows() * small.cols() * 3;
        float[] v = new float[count];
        new FloatPointer(small.data()).get(v);
        if (sigma > 0) {
            GaussianNoise.add(v, sigma, noise);
        }
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(v[i])));
        }
        return new Raster(small.cols(), small.rows(), 3, out);
    }

    /**
     * Drawing coordinates to output pixel coordinates. Output pixel {@code i} averages drawing
     * pixels {@code 2i} and {@code 2i + 1}, so its centre is at drawing coordinate {@code 2i + 0.5}.
     */
    private static double[][] toOutput(double[][] pts) {
        double[][] out = new double[pts.length][];
        double half = (SUPERSAMPLE - 1) / 2.0;
        for (int i = 0; i < pts.length; i++) {
            out[i] = new double[] {(pts[i][0] - half) / SUPERSAMPLE, (pts[i][1] - half) / SUPERSAMPLE};
        }
        return out;
    }

    private FaceBox faceBox(FaceGeometry g) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] p : g.outline) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            maxY = Math.max(maxY, p[1]);
        }
        double minY = Double.MAX_VALUE;
        for (int k = 17; k <= 26; k++) {
            minY = Math.min(minY, g.landmarks[k][1]);
        }
        minY -= 0.3 * g.unit;
        double[][] corners = toOutput(new double[][] {{minX, minY}, {maxX, maxY}});
        int x0 = clamp((int) Math.floor(corners[0][0]));
        int y0 = clamp((int) Math.floor(corners[0][1]));
        int x1 = clamp((int) Math.ceil(corners[1][0]));
        int y1 = clamp((int) Math.ceil(corners[1][1]));
        return new FaceBox(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    private int clamp(int v) {
        return Math.max(0, Math.min(size, v));
    }

    private RenderedFrame.Regions regions(FaceGeometry g) {
        Mat mouth = new Mat(size, size, CV_8UC1, new Scalar(0));
        Mat eyes = new Mat(size, size, CV_8UC1, new Scalar(0));
        Mat nose = new Mat(size, size, CV_8UC1, new Scalar(0));
        Draw.fill(mouth, toOutput(g.lipsOuter), 255);
        int r = Math.max(1, (int) Math.round(0.06 * g.unit / SUPERSAMPLE));
        Mat kernel = getStructuringElement(MORPH_ELLIPSE, new Size(2 * r + 1, 2 * r + 1));
        dilate(mouth, mouth, kernel);
        for (double[][] e : g.eyeRegions) {
            Draw.fill(eyes, toOutput(e), 255);
        }
        Draw.fill(nose, toOutput(g.noseRegion), 255);
        return new RenderedFrame.Regions(Raster.of(mouth), Raster.of(eyes), Raster.of(nose));
    }

    /** Paints a polygon's colour into the canvas and its material into the material map. */
    private record Painter(Mat canvas, Mat material) {
        void fill(double[][] poly, double[] colour, byte m) {
            Draw.fill(canvas, poly, colour);
            Draw.fill(material, poly, m);
        }

        void line(double[][] pts, boolean closed, int thickness, double[] colour, byte m) {
            Draw.line(canvas, pts, closed, thickness, colour);
            Draw.line(material, pts, closed, thickness, m);
        }
    }
}
