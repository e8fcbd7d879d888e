package io.lvnet.synth;

import io.lvnet.blend.Rng;

import io.lvnet.data.Raster;
import java.util.ArrayList;
import java.util.List;

/**
 * Warps a face onto other landmarks triangle by triangle, each triangle by its own affine map,
 * with bilinear sampling. The triangles are a Delaunay triangulation of the 68 landmarks of a
 * frontal face with a half-open mouth, made once; the same index triples then serve every face.
 */
final class PiecewiseAffine {
    /** Landmark index triples. */
    static final int[][] TRIANGLES = triangulate(canonicalLandmarks());

    private PiecewiseAffine() {
    }

    /**
     * Warps {@code src} so that its landmarks land on {@code dstPts}, over a copy of
     * {@code base}: pixels that no triangle covers keep {@code base}'s value.
     */
    static Raster warp(Raster src, double[][] srcPts, Raster base, double[][] dstPts) {
        int w = base.width();
        int h = base.height();
        int ch = base.channels();
        byte[] out = base.data().clone();
        byte[] s = src.data();
        for (int[] t : TRIANGLES) {
            double[] d0 = dstPts[t[0]];
            double[] d1 = dstPts[t[1]];
            double[] d2 = dstPts[t[2]];
            double det = (d1[0] - d0[0]) * (d2[1] - d0[1]) - (d2[0] - d0[0]) * (d1[1] - d0[1]);
            if (Math.abs(det) < 0.5) {
                continue;
            }
            double[] s0 = srcPts[t[0]];
            double[] s1 = srcPts[t[1]];
            double[] s2 = srcPts[t[2]];
            int x0 = Math.max(0, (int) Math.floor(Math.min(d0[0], Math.min(d1[0], d2[0]))));
            int x1 = Math.min(w - 1, (int) Math.ceil(Math.max(d0[0], Math.max(d1[0], d2[0]))));
            int y0 = Math.max(0, (int) Math.floor(Math.min(d0[1], Math.min(d1[1], d2[1]))));
            int y1 = Math.min(h - 1, (int) Math.ceil(Math.max(d0[1], Math.max(d1[1], d2[1]))));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double l1 = ((x - d0[0]) * (d2[1] - d0[1]) - (d2[0] - d0[0]) * (y - d0[1])) / det;
                    double l2 = ((d1[0] - d0[0]) * (y - d0[1]) - (x - d0[0]) * (d1[1] - d0[1])) / det;
                    double l0 = 1 - l1 - l2;
                    if (l0 < -1e-9 || l1 < -1e-9 || l2 < -1e-9) {
                        continue;
                    }
                    double sx = l0 * s0[0] + l1 * s1[0] + l2 * s2[0];
                    double sy = l0 * s0[1] + l1 * s1[1] + l2 * s2[1];
                    sample(s, src.width(), src.height(), ch, sx, sy, out, (y * w + x) * ch);
                }
            }
        }
        return new Raster(w, h, ch, out);
    }

    private static void sample(byte[] s, int w, int h, int ch, double x, double y, byte[] out, int o) {
        x = Math.max(0, Math.min(w - 1.000001, x));
        y = Math.max(0, Math.min(h - 1.000001, y));
        int xi = (int) x;
        int yi = (int) y;
        double fx = x - xi;
        double fy = y - yi;
        int xj = Math.min(w - 1, xi + 1);
        int yj = Math.min(h - 1, yi + 1);
        for (int c = 0; c < ch; c++) {
            double a = (s[(yi * w + xi) * ch + c] & 0xff) * (1 - fx) + (s[(yi * w + xj) * ch + c] & 0xff) * fx;
            double b = (s[(yj * w + xi) * ch + c] & 0xff) * (1 - fx) + (s[(yj * w + xj) * ch + c] & 0xff) * fx;
            out[o + c] = (byte) Math.round(a * (1 - fy) + b * fy);
        }
    }

    private static double[][] canonicalLandmarks() {
        Identity id = Identity.random(new Rng(0x243F6A8885A308D3L));
        HeadPose frontal = new HeadPose(0.5, 0.5, 0.2, 0, 0, 0);
        return new FaceGeometry(id, new Expression(0.6, 0, 0, 1), frontal, 1000, 0).landmarks;
    }

    /** Delaunay triangulation (Bowyer-Watson) of distinct points; returns index triples. */
    static int[][] triangulate(double[][] pts) {
        int n = pts.length;
        double[][] p = new double[n + 3][];
        System.arraycopy(pts, 0, p, 0, n);
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] q : pts) {
            minX = Math.min(minX, q[0]);
            minY = Math.min(minY, q[1]);
            maxX = Math.max(maxX, q[0]);
            maxY = Math.max(maxY, q[1]);
        }
        double span = Math.max(maxX - minX, maxY - minY) * 20;
        double cx = (minX + maxX) / 2;
        double cy = (minY + maxY) / 2;
        p[n] = new double[] {cx - span, cy - span};
        p[n + 1] = new double[] {cx + span, cy - span};
        p[n + 2] = new double[] {cx, cy + span};
        List<int[]> tris = new ArrayList<>();
        tris.add(new int[] {n, n + 1, n + 2});
        for (int i = 0; i < n; i++) {
            List<int[]> bad = new ArrayList<>();
            for (int[] t : tris) {
                if (inCircumcircle(p[t[0]], p[t[1]], p[t[2]], p[i])) {
                    bad.add(t);
                }
            }
            List<int[]> edges = new ArrayList<>();
            for (int[] t : bad) {
                for (int e = 0; e < 3; e++) {
                    int a = t[e];
                    int b = t[(e + 1) % 3];
                    boolean shared = false;
                    for (int[] u : bad) {
                        if (u != t && hasEdge(u, a, b)) {
                            shared = true;
                            break;
                        }
                    }
                    if (!shared) {
                        edges.add(new int[] {a, b});
                    }
                }
            }
            tris.removeAll(bad);
            for (int[] e : edges) {
                tris.add(new int[] {e[0], e[1], i});
            }
        }
        return tris.stream().filter(t -> t[0] < n && t[1] < n && t[2] < n).toArray(int[][]::new);
    }

    private static boolean hasEdge(int[] t, int a, int b) {
        int hits = 0;
        for (int v : t) {
            if (v == a || v == b) {
                hits++;
            }
        }
        return hits == 2;
    }

    private static boolean inCircumcircle(double[] a, double[] b, double[] c, double[] d) {
        double ax = a[0] - d[0];
        double ay = a[1] - d[1];
        double bx = b[0] - d[0];
        double by = b[1] - d[1];
        double cx = c[0] - d[0];
        double cy = c[1] - d[1];
        double det = (ax * ax + ay * ay) * (bx * cy - cx * by) - (bx * bx + by * by) * (ax * cy - cx * ay)
                + (cx * cx + cy * cy) * (ax * by - bx * ay);
        double orient = (b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1]);
        return orient > 0 ? det > 0 : det < 0;
    }
}
