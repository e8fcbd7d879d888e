package io.lvnet.synth;

import io.lvnet.blend.Rng;

import io.lvnet.blend.Draw;

/**
 * Where every part of a face falls in a frame: the outline, hair, neck, ears, brows, eyes,
 * nose and mouth as pixel polygons, and the 68 landmarks. Parts are laid out in face units on
 * an ellipsoid-like surface (depth grows towards the middle, the nose tip stands out) and
 * projected with the {@link HeadPose}; nothing here draws.
 *
 * <p>The landmarks follow the common 68-point (iBUG 300-W) order: 0-16 jaw from the image's
 * left to its right, 17-21 and 22-26 brows, 27-30 nose bridge, 31-35 nostril base, 36-41 and
 * 42-47 eyes (from the outer or inner corner clockwise), 48-59 outer lips, 60-67 inner lips.
 */
final class FaceGeometry {
    /** Depth of the face surface at its centre, in face units. */
    private static final double DEPTH = 0.95;

    final Identity id;
    final Expression ex;
    final HeadPose pose;
    final double size;
    /** Pixels per face unit. */
    final double unit;
    final double faceHeight;
    final double chinY;

    final double[][] outline;
    final double[][] hairFront;
    final double[][] hairBack;
    final double[][] neck;
    final double[][] torso;
    final double[][][] ears = new double[2][][];
    final double[][][] earShadows = new double[2][][];
    final double[][][] brows = new double[2][][];
    final double[][][] eyes = new double[2][][];
    final double[][][] upperLids = new double[2][][];
    final double[][][] lowerLids = new double[2][][];
    final double[][][] sockets = new double[2][][];
    final double[][][] eyeRegions = new double[2][][];
    final double[][] irisCentres = new double[2][];
    final double irisRadius;
    final double[][][] cheeks = new double[2][][];
    final double[][] noseRegion;
    final double[][][] nostrils = new double[2][][];
    final double[][][] alaCreases = new double[2][][];
    final double[][] noseShadow;
    final double[][] underNose;
    final double[][] noseHighlight;
    final double[][] lipsOuter;
    final double[][] upperLip;
    final double[][] lowerLip;
    final double[][] mouthInner;
    final double[][] teeth;
    final double[][] underLip;
    final double[][] chinShadow;
    final double[][][] freckles;
    final double[][] landmarks = new double[68][];

    /**
     * @param size the frame's side length in pixels at the resolution being drawn
     * @param lightX horizontal component of the light direction (which side of the nose is
     *     in shadow)
     */
    FaceGeometry(Identity id, Expression ex, HeadPose pose, double size, double lightX) {
        this.id = id;
        this.ex = ex;
        this.pose = pose;
        this.size = size;
        this.unit = pose.scale() * size;
        this.faceHeight = id.faceHeight();
        this.chinY = faceHeight + 0.12 * ex.mouthOpen();
        this.irisRadius = 0.42 * id.eyeWidth() * unit;

        outline = new double[72][];
        for (int i = 0; i < outline.length; i++) {
            double[] p = outlineLocal(2 * Math.PI * i / outline.length);
            outline[i] = at(p[0], p[1], 0);
        }
        for (int k = 0; k <= 16; k++) {
            double[] p = outlineLocal(Math.PI + 0.2 - k * (Math.PI + 0.4) / 16);
            landmarks[k] = at(p[0], p[1], 0);
        }
        HeadPose body = new HeadPose(pose.centreX(), pose.centreY(), pose.scale(), pose.roll() * 0.3,
                pose.yaw() * 0.3, 0);
        double neckTop = 0.45 * faceHeight;
        neck = new double[][] {at(-0.6, neckTop, 0), at(-0.58, chinY + 0.3, 0),
            project(body, -0.66, chinY + 0.8), project(body, -0.72, chinY + 3),
            project(body, 0.72, chinY + 3), project(body, 0.66, chinY + 0.8), at(0.58, chinY + 0.3, 0),
            at(0.6, neckTop, 0)};
        double[][] torsoLocal = Draw.ellipse(0, chinY + 1.4, 2.8, 1.05, 0, 48);
        torso = new double[torsoLocal.length][];
        for (int i = 0; i < torsoLocal.length; i++) {
            torso[i] = project(body, torsoLocal[i][0], torsoLocal[i][1]);
        }
        // a band under the jaw line: the shadow the head casts on the neck
        chinShadow = new double[34][];
        for (int k = 0; k <= 16; k++) {
            double[] p = outlineLocal(Math.PI * 0.12 + k * Math.PI * 0.76 / 16);
            chinShadow[k] = at(p[0], p[1] - 0.02, 0);
            chinShadow[33 - k] = at(p[0] * 0.95, p[1] + 0.3, 0);
        }

        double earY = (id.eyeY() + id.noseY()) / 2;
        for (int s = 0; s < 2; s++) {
            int side = s == 0 ? -1 : 1;
            ears[s] = local(Draw.ellipse(side * 0.98, earY, 0.11, id.earSize(), 0, 24), 0);
            earShadows[s] = local(Draw.ellipse(side * 1.0, earY, 0.05, id.earSize() * 0.6, 0, 16), 0);
        }
        hairFront = hairFront();
        hairBack = id.hairLength() > 0 ? hairBack() : null;
        for (int s = 0; s < 2; s++) {
            eye(s);
            brow(s);
            cheeks[s] = local(Draw.ellipse((s == 0 ? -1 : 1) * 0.55, id.noseY() + 0.02, 0.24, 0.17, 0, 24), 0.03);
        }

        double ey = id.eyeY();
        double ny = id.noseY();
        double nw = id.noseWidth();
        double bridgeZ = 0.08;
        for (int k = 0; k < 4; k++) {
            double t = k / 3.0;
            double y = ey + 0.02 + t * (ny - ey - 0.02);
            landmarks[27 + k] = at(0, y, bridgeZ + t * (id.noseDepth() - bridgeZ));
        }
        double[] baseX = {-0.75, -0.38, 0, 0.38, 0.75};
        double[] baseY = {0.05, 0.075, 0.085, 0.075, 0.05};
        for (int k = 0; k < 5; k++) {
            landmarks[31 + k] = at(baseX[k] * nw, ny + baseY[k], id.noseDepth() * 0.4);
        }
        for (int s = 0; s < 2; s++) {
            int side = s == 0 ? -1 : 1;
            nostrils[s] = local(Draw.ellipse(side * nw * 0.5, ny + 0.055, nw * 0.3, 0.022, side * 0.25, 16),
                    id.noseDepth() * 0.45);
            alaCreases[s] = local(new double[][] {{side * nw * 0.75, ny - 0.07}, {side * nw * 1.0, ny - 0.01},
                {side * nw * 0.95, ny + 0.04}, {side * nw * 0.7, ny + 0.07}}, id.noseDepth() * 0.3);
        }
        noseRegion = local(new double[][] {{-0.11, ey}, {0.11, ey}, {nw * 1.25, ny}, {nw * 1.05, ny + 0.12},
            {-nw * 1.05, ny + 0.12}, {-nw * 1.25, ny}}, 0.15);
        int shadowSide = lightX > 0 ? -1 : 1;
        noseShadow = local(new double[][] {{shadowSide * 0.05, ey + 0.06}, {shadowSide * 0.11, ey + 0.06},
            {shadowSide * nw * 1.1, ny + 0.02}, {shadowSide * 0.03, ny - 0.02}}, 0.2);
        underNose = local(Draw.ellipse(0, ny + 0.12, nw * 0.8, 0.035, 0, 20), 0.1);
        noseHighlight = local(new double[][] {{-shadowSide * 0.005, ey + 0.1}, {-shadowSide * 0.035, ey + 0.1},
            {-shadowSide * 0.04, ny - 0.05}, {-shadowSide * 0.0, ny - 0.05}}, id.noseDepth() * 0.6);

        double[][][] mouth = mouth();
        lipsOuter = mouth[0];
        upperLip = mouth[1];
        lowerLip = mouth[2];
        mouthInner = mouth[3];
        teeth = mouth[4];
        underLip = mouth[5];

        Rng spots = new Rng(id.textureSeed() ^ 0x5DEECE66DL);
        freckles = new double[id.freckles()][][];
        for (int i = 0; i < freckles.length; i++) {
            double x = spots.uniform(-0.75, 0.75);
            double y = spots.uniform(id.eyeY() + 0.05, id.mouthY() - 0.05);
            double r = spots.uniform(0.008, 0.02);
            freckles[i] = local(Draw.ellipse(x, y, r, r * 0.8, 0, 8), 0);
        }
    }

    /** A point of the outline at angle {@code t} (0 right, pi/2 chin), in face units. */
    private double[] outlineLocal(double t) {
        double s = Math.sin(t);
        double c = Math.cos(t);
        if (s <= 0) {
            return new double[] {c, faceHeight * s};
        }
        return new double[] {c * (1 - (1 - id.jawWidth()) * Math.pow(s, 1.6)), chinY * s};
    }

    private void eye(int s) {
        int side = s == 0 ? -1 : 1;
        double cx = side * id.eyeSpacing();
        double cy = id.eyeY();
        double ew = id.eyeWidth();
        double open = Math.max(0.08, ex.eyeOpen()) * (1 - 0.2 * Math.max(0, ex.smile()));
        double eh = id.eyeHeight();
        int n = 14;
        double[][] upper = new double[n + 1][];
        double[][] lower = new double[n + 1][];
        for (int i = 0; i <= n; i++) {
            double u = -1 + 2.0 * i / n;
            double xe = u * ew;
            double lift = -id.eyeTilt() * xe * side;
            double up = -eh * open * Math.pow(1 - u * u, 0.75);
            double low = eh * 0.6 * (0.4 + 0.6 * open) * Math.pow(1 - u * u, 0.9);
            upper[i] = new double[] {cx + xe, cy + up + lift};
            lower[i] = new double[] {cx + xe, cy + low + lift};
        }
        double z = -0.06;
        upperLids[s] = local(upper, z);
        lowerLids[s] = local(lower, z);
        double[][] poly = new double[2 * n][];
        for (int i = 0; i <= n; i++) {
            poly[i] = upperLids[s][i];
        }
        for (int i = n - 1; i >= 1; i--) {
            poly[2 * n - i] = lowerLids[s][i];
        }
        eyes[s] = poly;
        // 36-41 / 42-47: corner, two upper, corner, two lower, walking clockwise from u = -1
        int base = s == 0 ? 36 : 42;
        double[][] upperLocal = upper;
        landmarks[base] = at(upperLocal[0][0], upperLocal[0][1], z);
        landmarks[base + 1] = lidPoint(upper, -1.0 / 3, z);
        landmarks[base + 2] = lidPoint(upper, 1.0 / 3, z);
        landmarks[base + 3] = at(upperLocal[n][0], upperLocal[n][1], z);
        landmarks[base + 4] = lidPoint(lower, 1.0 / 3, z);
        landmarks[base + 5] = lidPoint(lower, -1.0 / 3, z);
        irisCentres[s] = at(cx, cy + 0.1 * eh * (1 - open), 0);
        sockets[s] = local(Draw.ellipse(cx, cy - 0.025, ew * 1.5, eh * 1.5 + 0.05, 0, 24), -0.02);
        eyeRegions[s] = local(Draw.ellipse(cx, cy, ew * 1.3, eh * 1.6, -id.eyeTilt() * side, 24), -0.02);
    }

    private double[] lidPoint(double[][] lid, double u, double z) {
        double pos = (u + 1) / 2 * (lid.length - 1);
        int i = (int) Math.floor(pos);
        double f = pos - i;
        int j = Math.min(i + 1, lid.length - 1);
        return at(lid[i][0] * (1 - f) + lid[j][0] * f, lid[i][1] * (1 - f) + lid[j][1] * f, z);
    }

    private void brow(int s) {
        int side = s == 0 ? -1 : 1;
        double bl = id.browLength();
        double raise = ex.browRaise();
        int n = 10;
        double[][] top = new double[n + 1][];
        double[][] bottom = new double[n + 1][];
        double[][] centre = new double[n + 1][];
        for (int i = 0; i <= n; i++) {
            double u = (double) i / n;
            double x = side * (id.eyeSpacing() - 0.85 * bl + 2 * bl * u);
            double y = id.eyeY() - id.browGap() - 0.05 * raise
                    - id.browArch() * Math.sin(Math.PI * Math.min(1, u * 1.15))
                    + Math.max(0, -raise) * 0.06 * (1 - u);
            double t = id.browThickness() * (1.05 - 0.5 * u);
            top[i] = new double[] {x, y - t / 2};
            bottom[i] = new double[] {x, y + t / 2};
            centre[i] = new double[] {x, y};
        }
        double z = 0.02;
        double[][] poly = new double[2 * (n + 1)][];
        for (int i = 0; i <= n; i++) {
            poly[i] = at(top[i][0], top[i][1], z);
            poly[2 * n + 1 - i] = at(bottom[i][0], bottom[i][1], z);
        }
        brows[s] = poly;
        for (int k = 0; k < 5; k++) {
            // 17-21 run outer to inner on the left brow, 22-26 inner to outer on the right
            double u = s == 0 ? 1 - k / 4.0 : k / 4.0;
            int i = (int) Math.round(u * n);
            landmarks[(s == 0 ? 17 : 22) + k] = at(centre[i][0], centre[i][1], z);
        }
    }

    /** Outer lips, upper lip, lower lip, mouth opening, teeth, shadow under the lower lip. */
    private double[][][] mouth() {
        double mw = id.mouthWidth();
        double smile = ex.smile();
        double open = ex.mouthOpen();
        double cw = mw * (1 + 0.1 * smile + 0.05 * open);
        double drop = chinY - faceHeight;
        int n = 16;
        double[][] uo = new double[n + 1][];
        double[][] ui = new double[n + 1][];
        double[][] li = new double[n + 1][];
        double[][] lo = new double[n + 1][];
        double[][] under = new double[n + 1][];
        for (int i = 0; i <= n; i++) {
            double q = -1 + 2.0 * i / n;
            double x = q * cw;
            double line = id.mouthY() + 0.3 * drop - smile * 0.07 * q * q;
            double gap = open * 0.17 * Math.pow(1 - q * q, 0.6);
            double yiu = line - gap * 0.25;
            double yil = line + gap * 0.75;
            double bow = 0.014 * Math.exp(-Math.pow((Math.abs(q) - 0.3) / 0.15, 2))
                    - 0.012 * Math.exp(-Math.pow(q / 0.1, 2));
            double yuo = yiu - id.upperLip() * Math.pow(1 - q * q, 0.4) - bow;
            double ylo = yil + id.lowerLip() * Math.pow(1 - q * q, 0.5);
            uo[i] = new double[] {x, yuo};
            ui[i] = new double[] {x, yiu};
            li[i] = new double[] {x, yil};
            lo[i] = new double[] {x, ylo};
            under[i] = new double[] {x * 0.8, ylo + 0.035};
        }
        double z = 0.05;
        double[][] outer = ring(uo, lo, z);
        double[][] upper = ring(uo, ui, z);
        double[][] lower = ring(li, lo, z);
        double[][] inner = open > 0.03 ? ring(ui, li, z) : null;
        double[][] teethPoly = null;
        if (open > 0.12) {
            double[][] tt = new double[n + 1][];
            double[][] tb = new double[n + 1][];
            for (int i = 0; i <= n; i++) {
                double q = -1 + 2.0 * i / n;
                tt[i] = new double[] {ui[i][0] * 0.8, ui[i][1]};
                tb[i] = new double[] {ui[i][0] * 0.8, Math.min(li[i][1], ui[i][1] + 0.05 * Math.pow(1 - q * q, 0.3))};
            }
            teethPoly = ring(tt, tb, z);
        }
        double[][] underPoly = ring(lo, under, z);
        int[] upperIdx = {2, 5, 8, 11, 14};
        landmarks[48] = at(uo[0][0], (uo[0][1] + lo[0][1]) / 2, z);
        for (int k = 0; k < 5; k++) {
            landmarks[49 + k] = at(uo[upperIdx[k] + 0][0], uo[upperIdx[k]][1], z);
        }
        landmarks[54] = at(uo[n][0], (uo[n][1] + lo[n][1]) / 2, z);
        for (int k = 0; k < 5; k++) {
            int i = upperIdx[4 - k];
            landmarks[55 + k] = at(lo[i][0], lo[i][1], z);
        }
        landmarks[60] = at(ui[1][0], (ui[1][1] + li[1][1]) / 2, z);
        int[] innerIdx = {4, 8, 12};
        for (int k = 0; k < 3; k++) {
            landmarks[61 + k] = at(ui[innerIdx[k]][0], ui[innerIdx[k]][1], z);
            landmarks[65 + k] = at(li[innerIdx[2 - k]][0], li[innerIdx[2 - k]][1], z);
        }
        landmarks[64] = at(ui[n - 1][0], (ui[n - 1][1] + li[n - 1][1]) / 2, z);
        return new double[][][] {outer, upper, lower, inner, teethPoly, underPoly};
    }

    /** A closed polygon along {@code a} and back along {@code b}, projected. */
    private double[][] ring(double[][] a, double[][] b, double z) {
        double[][] out = new double[a.length + b.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = at(a[i][0], a[i][1], z);
        }
        for (int i = 0; i < b.length; i++) {
            double[] p = b[b.length - 1 - i];
            out[a.length + i] = at(p[0], p[1], z);
        }
        return out;
    }

    private double[][] hairFront() {
        if (id.hairline() == Identity.Hairline.BALD) {
            return null;
        }
        double vol = id.hairVolume();
        double side = id.eyeY() + 0.05;
        int n = 24;
        double[][] pts = new double[2 * n + 4][];
        int k = 0;
        pts[k++] = at(-1.03, side, 0);
        for (int i = 0; i <= n; i++) {
            double x = -0.97 + 1.94 * i / n;
            pts[k++] = at(x, hairlineAt(x), 0.12);
        }
        pts[k++] = at(1.03, side, 0);
        // back over the crown, standing off the head by the hair's volume
        double top = faceHeight + vol * 1.3;
        for (int i = 0; i <= n; i++) {
            double ang = -(Math.PI) * i / n;
            double x = (1 + vol) * Math.cos(ang);
            double y = Math.min(side, top * Math.sin(ang));
            pts[k++] = at(x, y, 0);
        }
        double[][] out = new double[k][];
        System.arraycopy(pts, 0, out, 0, k);
        return out;
    }

    /** Height of the hair line at {@code x} (face units; more negative: higher). */
    double hairlineAt(double x) {
        double hl = id.hairlineY();
        double side = id.eyeY() + 0.05;
        double y = switch (id.hairline()) {
            case STRAIGHT -> hl + 0.06 * x * x;
            case ROUNDED -> hl + 0.3 * x * x;
            case WIDOWS_PEAK -> hl - 0.06 + 0.14 * Math.exp(-x * x / 0.02) + 0.2 * x * x;
            case SIDE_PART -> hl + 0.16 * (x + 1) * (x + 1) / 4 - 0.04;
            case RECEDING -> hl - 0.1 - 0.18 * Math.exp(-Math.pow((Math.abs(x) - 0.5) / 0.2, 2)) + 0.15 * x * x;
            case BALD -> hl;
        };
        // towards the temples the hair comes down to the side burns
        double edge = Math.pow(Math.abs(x) / 0.97, 8);
        return y * (1 - edge) + side * edge;
    }

    private double[][] hairBack() {
        double vol = id.hairVolume();
        double w = 1.12 + vol;
        double bottom = id.hairLength();
        double top = faceHeight + vol * 1.3;
        int n = 24;
        double[][] pts = new double[n + 3][];
        for (int i = 0; i <= n; i++) {
            double ang = -Math.PI * i / n;
            pts[i] = at(w * Math.cos(ang), top * Math.sin(ang), -0.2);
        }
        pts[n + 1] = at(-w * 1.02, bottom, -0.2);
        pts[n + 2] = at(w * 1.02, bottom, -0.2);
        return pts;
    }

    /** Surface depth of the face at a point, in face units. */
    double depthAt(double x, double y) {
        double r = 1 - x * x - (y / faceHeight) * (y / faceHeight);
        return DEPTH * Math.sqrt(Math.max(0, r));
    }

    /** Projects a point on the face surface, raised by {@code dz} (face units). */
    double[] at(double x, double y, double dz) {
        return pose.project(x, y, depthAt(x, y) + dz, size);
    }

    private double[][] local(double[][] pts, double dz) {
        double[][] out = new double[pts.length][];
        for (int i = 0; i < pts.length; i++) {
            out[i] = at(pts[i][0], pts[i][1], dz);
        }
        return out;
    }

    private double[] project(HeadPose p, double x, double y) {
        return p.project(x, y, 0, size);
    }
}
