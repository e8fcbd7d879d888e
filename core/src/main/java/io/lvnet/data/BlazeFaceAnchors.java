package io.lvnet.data;

/**
 * The anchor centres of a BlazeFace model, as MediaPipe's {@code SsdAnchorsCalculator} makes
 * them with a fixed anchor size (every anchor 1 x 1, so only the centres matter) and offset
 * 0.5: layers with the same stride share one feature map, and each layer puts
 * {@code anchorsPerLayer} anchors in every cell of it; the centres run feature map by feature
 * map, row by row, cell by cell, as the model's outputs do.
 *
 * <p>Short range (face_detection_short_range.pbtxt): 128 x 128 input, strides 8, 16, 16, 16,
 * two anchors per layer (aspect ratio 1 and the interpolated scale): 16 x 16 x 2 + 8 x 8 x 6 =
 * 896. Full range (face_detection_full_range.pbtxt): 192 x 192 input, stride 4, one anchor
 * (no interpolated scale): 48 x 48 = 2304.
 */
final class BlazeFaceAnchors {
    private BlazeFaceAnchors() {
    }

    /**
     * The centres as {@code x0, y0, x1, y1, ...}, in [0, 1] of the input.
     *
     * @param inputSize the model's input side in pixels
     * @param strides each layer's stride, equal strides next to each other
     * @param anchorsPerLayer anchors each layer puts in a cell
     */
    static float[] centres(int inputSize, int[] strides, int anchorsPerLayer) {
        java.util.List<Float> xy = new java.util.ArrayList<>();
        for (int layer = 0; layer < strides.length; ) {
            int stride = strides[layer];
            int sameStride = 0;
            while (layer < strides.length && strides[layer] == stride) {
                sameStride++;
                layer++;
            }
            int cells = (int) Math.ceil((double) inputSize / stride);
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int a = 0; a < sameStride * anchorsPerLayer; a++) {
                        xy.add((x + 0.5f) / cells);
                        xy.add((y + 0.5f) / cells);
                    }
                }
            }
        }
        float[] out = new float[xy.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = xy.get(i);
        }
        return out;
    }
}
