package io.lvnet.landmarks;

import io.lvnet.data.CropTransform;
import io.lvnet.data.FaceBox;

/**
 * Face alignment as the field does it ({@code --align}): the similarity (rotation, uniform scale,
 * shift) that best carries a face's eye centres, nose tip and mouth corners, from dlib's 68
 * landmarks, onto a canonical template, so that every crop shows the face upright, the eyes level
 * and at the same place.
 *
 * <p>The template is ArcFace's five points in its 112 x 112 crop, with the margin DeepfakeBench's
 * {@code img_align_crop} adds for a crop {@code scale} times that face (1.3, as box crops have):
 * a point {@code p} of the 112 template lands at {@code side (p / 112 + (scale - 1) / 2) / scale}.
 * Thread-safe.
 */
public final class FaceAligner {
    /** ArcFace's template in its 112 x 112 crop: eye centres (image left, right), nose tip, mouth corners. */
    static final double[][] TEMPLATE_112 = {
        {38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366}, {41.5493, 92.3655}, {70.7299, 92.2041},
    };

    private final ShapePredictor predictor;

    /** An aligner that places the five points with dlib's 68-point model. */
    public FaceAligner(ShapePredictor predictor) {
        if (predictor.parts() != Landmarks.POINTS) {
            throw new IllegalArgumentException("alignment needs dlib's 68-point model, this one places "
                    + predictor.parts() + " points");
        }
        this.predictor = predictor;
    }

    /**
     * The map from a picture to the aligned crop of the face in {@code box}.
     *
     * @param grey the picture in grey
     * @param box the face as the detector found it
     * @param side the crop's side in pixels
     * @param scale the crop's side over the template face's (1.3 by default)
     */
    public CropTransform transform(GrayImage grey, FaceBox box, int side, double scale) {
        return toTemplate(fivePoints(predictor.predict(grey, box)), side, scale);
    }

    /** Eye centres (the mean of each eye's six points, 36-41 and 42-47), nose tip (30), mouth corners (48, 54). */
    public static double[][] fivePoints(Landmarks lm) {
        return new double[][] {
            mean(lm, 36, 41), mean(lm, 42, 47),
            {lm.x(30), lm.y(30)}, {lm.x(48), lm.y(48)}, {lm.x(54), lm.y(54)},
        };
    }

    /** The template's five points in a {@code side x side} crop {@code scale} times the template's face. */
    public static double[][] template(int side, double scale) {
        double[][] out = new double[TEMPLATE_112.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[] {
                side * (TEMPLATE_112[i][0] / 112 + (scale - 1) / 2) / scale,
                side * (TEMPLATE_112[i][1] / 112 + (scale - 1) / 2) / scale,
            };
        }
        return out;
    }

    /**
     * The least-squares similarity from five points of a picture to the template (Umeyama 1991,
     * in the closed form two dimensions allow: as complex numbers, {@code z' = w z + t}).
     *
     * @throws IllegalArgumentException if the points all coincide
     */
    public static CropTransform toTemplate(double[][] points, int side, double scale) {
        double[][] target = template(side, scale);
        double[] mp = centroid(points);
        double[] mt = centroid(target);
        double spread = 0;
        double re = 0;
        double im = 0;
        for (int i = 0; i < points.length; i++) {
            double px = points[i][0] - mp[0];
            double py = points[i][1] - mp[1];
            double tx = target[i][0] - mt[0];
            double ty = target[i][1] - mt[1];
            spread += px * px + py * py;
            re += px * tx + py * ty;
            im += px * ty - py * tx;
        }
        if (!(spread > 0)) {
            throw new IllegalArgumentException("the face's landmarks coincide: nothing to align");
        }
        double a = re / spread;
        double b = im / spread;
        return new CropTransform(a, -b, mt[0] - (a * mp[0] - b * mp[1]), b, a, mt[1] - (b * mp[0] + a * mp[1]));
    }

    private static double[] mean(Landmarks lm, int first, int last) {
        double x = 0;
        double y = 0;
        int n = 0;
        for (int i = first; i <= last; i++) {
            x += lm.x(i);
            y += lm.y(i);
            n++;
        }
        return new double[] {x / n, y / n};
    }

    private static double[] centroid(double[][] points) {
        double x = 0;
        double y = 0;
        for (double[] p : points) {
            x += p[0];
            y += p[1];
        }
        return new double[] {x / points.length, y / points.length};
    }
}
