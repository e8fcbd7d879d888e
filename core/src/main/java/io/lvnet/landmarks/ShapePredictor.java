package io.lvnet.landmarks;

import io.lvnet.data.FaceBox;

/**
 * dlib's shape predictor: an ensemble of regression trees (Kazemi and Sullivan, "One
 * Millisecond Face Alignment with an Ensemble of Regression Trees", 2014) that places a face's
 * landmarks inside its face box, computing as dlib 19.24's {@code shape_predictor} does.
 *
 * <p>Starting from the model's mean shape, each level of the cascade reads its feature pixels
 * relative to the current shape ({@link FeaturePixels}) and adds the leaf every one of its trees
 * reaches. The final shape is mapped into the picture by the face box and each point rounded
 * to the nearest pixel, as dlib's {@code full_object_detection} holds them.
 *
 * <p>Immutable and thread-safe; {@link #predict} allocates only a few small arrays per call.
 * Read one with {@link ShapePredictorFile#read}.
 */
public final class ShapePredictor {
    private final float[] initialShape;
    private final Cascade[] cascades;
    private final int maxFeatures;
    private final int maxTrees;

    ShapePredictor(float[] initialShape, Cascade[] cascades) {
        this.initialShape = initialShape;
        this.cascades = cascades;
        int features = 0;
        int trees = 0;
        for (Cascade c : cascades) {
            features = Math.max(features, c.pixels().size());
            trees = Math.max(trees, c.trees().size());
        }
        this.maxFeatures = features;
        this.maxTrees = trees;
    }

    /** Number of landmarks the model places (68 for dlib's face model). */
    public int parts() {
        return initialShape.length / 2;
    }

    /** The mean shape the cascade starts from, normalised to the face box's unit square (a copy). */
    float[] initialShape() {
        return initialShape.clone();
    }

    /** Levels of the cascade. */
    public int cascadeDepth() {
        return cascades.length;
    }

    /** Trees over all levels. */
    public int trees() {
        int n = 0;
        for (Cascade c : cascades) {
            n += c.trees().size();
        }
        return n;
    }

    /**
     * The landmarks of the face in {@code box} ({@code x, y, width, height}, right and bottom
     * edges exclusive), which is dlib's rectangle {@code [x, y, x + width - 1, y + height - 1]}.
     */
    public Landmarks predict(GrayImage image, FaceBox box) {
        return predict(image, box.x(), box.y(), box.x() + box.width() - 1L, box.y() + box.height() - 1L);
    }

    /**
     * The landmarks of the face in dlib's rectangle {@code [left, top, right, bottom]}, whose
     * edges are inclusive (as dlib's detectors report and its Python binding takes them).
     */
    public Landmarks predict(GrayImage image, long left, long top, long right, long bottom) {
        FaceFrame frame = new FaceFrame(left, top, right, bottom);
        float[] shape = initialShape.clone();
        float[] features = new float[maxFeatures];
        float[] tform = new float[4];
        int[] reached = new int[maxTrees + 1];
        for (Cascade c : cascades) {
            Similarity.between(initialShape, shape, tform);
            c.pixels().read(image, tform, shape, frame, features);
            c.trees().addTo(shape, features, reached);
        }
        int[] xy = new int[shape.length];
        for (int i = 0; i < shape.length; i += 2) {
            xy[i] = toPixel(frame.x(shape[i]));
            xy[i + 1] = toPixel(frame.y(shape[i + 1]));
        }
        return new Landmarks(xy);
    }

    /** dlib's conversion of a point to whole pixels, {@code floor(v + 0.5)} (Java's cast saturates at the int range). */
    private static int toPixel(double v) {
        return (int) Math.floor(v + 0.5);
    }
}
