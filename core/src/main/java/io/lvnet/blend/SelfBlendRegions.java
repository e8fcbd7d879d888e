package io.lvnet.blend;






import io.lvnet.data.FaceBox;
import io.lvnet.blend.SelfBlendSettings.Region;
import java.util.function.Function;

/**
 * The outlines self-blends are blended inside, for one face: from its 68 landmarks (dlib's
 * layout) where they are known; else mouth, eyes and nose from the part boxes a data set
 * provides; else shapes placed by fixed shares of the face box, as {@link
 * io.lvnet.data.GeometricRegions} places the parts.
 *
 * <p>Each outline is drawn with a little randomness of its own (size, place), so that no two
 * blends of one face share a shape; mask deformation and feathering come after, in {@link
 * SelfBlender}.
 */
public final class SelfBlendRegions {
    private final FaceBox box;
    private final int[][] landmarks;
    private final Function<Region, int[]> partBoxes;

    /**
     * @param box the face in the image
     * @param landmarks 68 points {x, y} in dlib's order, or null
     * @param partBoxes for {@code MOUTH}, {@code EYES} and {@code NOSE}: the part's box {x0, y0,
     *     x1, y1} (exclusive ends) in the image, or null where unknown; itself null when the data
     *     set has no part boxes. Asked only for the region a blend uses.
     */
    public SelfBlendRegions(FaceBox box, int[][] landmarks, Function<Region, int[]> partBoxes) {
        if (landmarks != null && landmarks.length != 68) {
            throw new IllegalArgumentException("expected 68 landmarks, got " + landmarks.length);
        }
        this.box = box;
        this.landmarks = landmarks;
        this.partBoxes = partBoxes;
    }

    /**
     * Where the face is assumed to be in a face crop whose box is unknown: its central part, as
     * lvnet's and FaceForensics++'s crops (1.3 times the face box) place it.
     */
    public static FaceBox centralFace(int width, int height) {
        return new FaceBox((int) Math.round(width * 0.15), (int) Math.round(height * 0.12),
                (int) Math.round(width * 0.7), (int) Math.round(height * 0.76));
    }

    /** The face box. */
    public FaceBox box() {
        return box;
    }

    /** A polygon (points {x, y}) outlining {@code region}. */
    double[][] outline(Region region, Rng rng) {
        if (landmarks != null && region != Region.ELLIPSE) {
            return fromLandmarks(region, rng);
        }
        if (partBoxes != null && (region == Region.MOUTH || region == Region.EYES || region == Region.NOSE)) {
            int[] b = partBoxes.apply(region);
            if (b != null && b[2] > b[0] && b[3] > b[1]) {
                return aroundBox(b[0], b[1], b[2], b[3], rng);
            }
        }
        return geometric(region, rng);
    }

    private double[][] fromLandmarks(Region region, Rng rng) {
        double[][] pts = switch (region) {
            case HULL -> points(0, 67);
            case LOWER_FACE -> Draw.concat(points(1, 15), points(28, 35));
            case MOUTH -> points(48, 59);
            case EYES -> points(36, 47);
            case NOSE -> points(27, 35);
            case ELLIPSE -> throw new IllegalStateException("an ellipse is never placed by landmarks");
        };
        double[][] hull = Blend.hull(pts);
        // the parts' points lie on their edges: a little more than their hull covers them
        double grow = region == Region.HULL || region == Region.LOWER_FACE ? rng.uniform(1.0, 1.08) : rng.uniform(1.15, 1.4);
        return Blend.shrunk(hull, 1 - grow, Blend.centroid(hull));
    }

    private double[][] points(int from, int to) {
        double[][] out = new double[to - from + 1][];
        for (int i = from; i <= to; i++) {
            out[i - from] = new double[] {landmarks[i][0], landmarks[i][1]};
        }
        return out;
    }

    /** An ellipse covering a part's box, up to a quarter larger. */
    private static double[][] aroundBox(double x0, double y0, double x1, double y1, Rng rng) {
        double grow = rng.uniform(1.0, 1.25);
        // an ellipse through a rectangle's corners has sqrt(2) times its half sides
        return Draw.ellipse((x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2 * Math.sqrt(2) * grow / 1.25,
                (y1 - y0) / 2 * Math.sqrt(2) * grow / 1.25, 0, 48);
    }

    private double[][] geometric(Region region, Rng rng) {
        double x = box.x();
        double y = box.y();
        double w = box.width();
        double h = box.height();
        return switch (region) {
            case HULL -> faceOval(box, rng);
            case LOWER_FACE -> {
                double[][] oval = faceOval(box, rng);
                double top = y + h * rng.uniform(0.38, 0.52);
                for (double[] p : oval) {
                    p[1] = Math.max(p[1], top);
                }
                yield oval;
            }
            // the part rectangles of GeometricRegions
            case MOUTH -> aroundBox(x + 0.25 * w, y + 0.68 * h, x + 0.75 * w, y + 0.95 * h, rng);
            case EYES -> aroundBox(x + 0.15 * w, y + 0.20 * h, x + 0.85 * w, y + 0.45 * h, rng);
            case NOSE -> aroundBox(x + 0.35 * w, y + 0.35 * h, x + 0.65 * w, y + 0.70 * h, rng);
            case ELLIPSE -> Draw.ellipse(x + w * rng.uniform(0.25, 0.75), y + h * rng.uniform(0.25, 0.8),
                    w * rng.uniform(0.1, 0.4), h * rng.uniform(0.1, 0.4), rng.uniform(0, Math.PI), 48);
        };
    }

    /**
     * The face-shaped outline of the offline self-blends: an oval over the face box that narrows
     * towards the chin, with its radius wobbling around the face.
     */
    static double[][] faceOval(FaceBox box, Rng rng) {
        double cx = box.x() + box.width() / 2.0 + rng.uniform(-0.03, 0.03) * box.width();
        double cy = box.y() + box.height() * rng.uniform(0.5, 0.58);
        double rx = box.width() / 2.0 * rng.uniform(0.72, 0.95);
        double ry = box.height() / 2.0 * rng.uniform(0.8, 1.0);
        double jaw = rng.uniform(0.55, 0.85);
        ValueNoise wobble = new ValueNoise(rng, 8, 1);
        double amp = rng.uniform(0.03, 0.1);
        int n = 64;
        double[][] poly = new double[n][];
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            double s = Math.sin(t);
            double narrowing = s > 0 ? 1 - (1 - jaw) * Math.pow(s, 1.6) : 1;
            double r = 1 + amp * wobble.at(8.0 * i / n, 0);
            poly[i] = new double[] {cx + rx * Math.cos(t) * narrowing * r, cy + ry * s * r};
        }
        return poly;
    }

    /**
     * The outline deformed: points added along its edges, then each moved away from or towards
     * the centroid by up to {@code amplitude} of its distance, smoothly along the outline.
     */
    static double[][] deformed(double[][] polygon, double amplitude, Rng rng) {
        ValueNoise wobble = new ValueNoise(rng, 8, 1);
        double phase = rng.uniform(0, 8);
        if (amplitude <= 0) {
            return polygon;
        }
        int per = Math.max(1, 64 / polygon.length);
        double[][] dense = new double[polygon.length * per][];
        for (int i = 0; i < polygon.length; i++) {
            double[] a = polygon[i];
            double[] b = polygon[(i + 1) % polygon.length];
            for (int k = 0; k < per; k++) {
                double t = (double) k / per;
                dense[i * per + k] = new double[] {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])};
            }
        }
        double[] c = Blend.centroid(dense);
        for (int i = 0; i < dense.length; i++) {
            double r = 1 + amplitude * wobble.at(phase + 8.0 * i / dense.length, 0);
            dense[i] = new double[] {c[0] + (dense[i][0] - c[0]) * r, c[1] + (dense[i][1] - c[1]) * r};
        }
        return dense;
    }
}
