package io.lvnet.data;

/**
 * The two BlazeFace models MediaPipe ships (npm {@code @mediapipe/face_detection}, Apache-2.0,
 * in lvnet's jar under {@code io/lvnet/data/blazeface/}) with the settings of their MediaPipe
 * graphs (input size, anchors, score threshold), and how lvnet adjusts their boxes.
 *
 * <p>The adjustment: LVNet's crops are 1.3 times a dlib-style face box (FaceForensics++'s
 * preprocessing), and the synthetic benchmark's true boxes follow that convention (cheek to
 * cheek, just above the brows to the chin). The short-range model's boxes have the same
 * centres but are smaller: the true boxes are 1.04 times as wide and 1.08 times as tall on the
 * synthetic training split's real frames, dlib's boxes 1.075 times as large on the goldens'
 * photos; so its boxes are scaled by 1.06. The full-range model's boxes have the true boxes'
 * size but sit higher, by 0.04 of their height.
 */
enum BlazeFaceModel {
    /** Faces that fill a good part of the picture (selfies, portraits): 128 px input, 896 anchors. */
    SHORT_RANGE("face_detection_short_range.tflite", 128, new int[] {8, 16, 16, 16}, 2, 0.5f, 1.06, 0),
    /** Faces down to about 5 % of the picture's longer side: 192 px input, 2304 anchors. */
    FULL_RANGE("face_detection_full_range.tflite", 192, new int[] {4}, 1, 0.6f, 1.0, 0.04);

    private final String file;
    private final int inputSize;
    private final float[] anchors;
    private final float minScore;
    private final double boxScale;
    private final double boxShift;

    BlazeFaceModel(String file, int inputSize, int[] strides, int anchorsPerLayer, float minScore, double boxScale,
            double boxShift) {
        this.file = file;
        this.inputSize = inputSize;
        this.anchors = BlazeFaceAnchors.centres(inputSize, strides, anchorsPerLayer);
        this.minScore = minScore;
        this.boxScale = boxScale;
        this.boxShift = boxShift;
    }

    /** Where the model lies on the class path. */
    String resource() {
        return "/io/lvnet/data/blazeface/" + file;
    }

    /** The input side in pixels; the regressors are in these pixels too. */
    int inputSize() {
        return inputSize;
    }

    /** Anchors scored. */
    int anchorCount() {
        return anchors.length / 2;
    }

    /** Anchor centres, {@code x0, y0, x1, y1, ...} in [0, 1] of the input. */
    float[] anchors() {
        return anchors;
    }

    /** The graph's {@code min_score_thresh}. */
    float minScore() {
        return minScore;
    }

    /** How much larger lvnet's box is than the model's, about the same centre. */
    double boxScale() {
        return boxScale;
    }

    /** How far lvnet's box lies below the model's, as a share of the model box's height. */
    double boxShift() {
        return boxShift;
    }
}
