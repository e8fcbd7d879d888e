package io.lvnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlazeFaceDecoderTest {
    @Test
    void shortRangeAnchorsAre16By16TimesTwoThen8By8TimesSix() {
        float[] a = BlazeFaceModel.SHORT_RANGE.anchors();
        assertEquals(896, BlazeFaceModel.SHORT_RANGE.anchorCount());
        // first cell of the stride-8 map, twice
        assertArrayEquals(new float[] {0.5f / 16, 0.5f / 16, 0.5f / 16, 0.5f / 16}, Arrays.copyOfRange(a, 0, 4));
        // second cell of the first row
        assertArrayEquals(new float[] {1.5f / 16, 0.5f / 16}, Arrays.copyOfRange(a, 4, 6));
        // the stride-16 map starts at anchor 512, six anchors per cell
        for (int k = 512; k < 518; k++) {
            assertArrayEquals(new float[] {0.5f / 8, 0.5f / 8}, Arrays.copyOfRange(a, 2 * k, 2 * k + 2));
        }
        assertArrayEquals(new float[] {7.5f / 8, 7.5f / 8}, Arrays.copyOfRange(a, 2 * 895, 2 * 896));
    }

    @Test
    void fullRangeAnchorsAreOnePer48By48Cell() {
        float[] a = BlazeFaceModel.FULL_RANGE.anchors();
        assertEquals(2304, BlazeFaceModel.FULL_RANGE.anchorCount());
        assertArrayEquals(new float[] {0.5f / 48, 0.5f / 48, 1.5f / 48, 0.5f / 48}, Arrays.copyOfRange(a, 0, 4));
        assertArrayEquals(new float[] {0.5f / 48, 1.5f / 48}, Arrays.copyOfRange(a, 2 * 48, 2 * 48 + 2));
    }

    @Test
    void decodesOffsetsSizesAndKeypointsInInputPixelsAroundTheAnchor() {
        BlazeFaceModel m = BlazeFaceModel.SHORT_RANGE;
        float[] regressors = new float[896 * 16];
        float[] logits = new float[896];
        Arrays.fill(logits, -10);
        int anchor = 512 + 6 * (8 * 3 + 4); // stride 16, row 3, column 4: centre (4.5/8, 3.5/8)
        logits[anchor] = 2; // sigmoid 0.881
        int r = anchor * 16;
        regressors[r] = 6.4f;      // centre x + 0.05
        regressors[r + 1] = -12.8f; // centre y - 0.1
        regressors[r + 2] = 51.2f; // width 0.4
        regressors[r + 3] = 64f;   // height 0.5
        regressors[r + 4] = -12.8f; // right eye x - 0.1 from the anchor
        regressors[r + 5] = 0;
        List<BlazeFaceDecoder.Raw> faces = BlazeFaceDecoder.decode(m, regressors, logits, 0.5f);
        assertEquals(1, faces.size());
        BlazeFaceDecoder.Raw f = faces.get(0);
        assertEquals(1 / (1 + Math.exp(-2)), f.score(), 1e-6);
        float cx = 4.5f / 8 + 0.05f;
        float cy = 3.5f / 8 - 0.1f;
        assertArrayEquals(new float[] {cx - 0.2f, cy - 0.25f, cx + 0.2f, cy + 0.25f, 4.5f / 8 - 0.1f, 3.5f / 8},
                Arrays.copyOfRange(f.coords(), 0, 6), 1e-6f);
    }

    @Test
    void scoresBelowTheThresholdAreDroppedAndLogitsAreClipped() {
        float[] regressors = new float[896 * 16];
        float[] logits = new float[896];
        Arrays.fill(logits, -1e30f);
        regressors[2] = 10;
        regressors[3] = 10;
        logits[0] = 1e30f; // clipped to 100: probability 1, not NaN
        logits[1] = 0; // 0.5, kept only from 0.5 down
        regressors[16 + 2] = 10;
        regressors[16 + 3] = 10;
        List<BlazeFaceDecoder.Raw> faces = BlazeFaceDecoder.decode(BlazeFaceModel.SHORT_RANGE, regressors, logits, 0.6f);
        assertEquals(1, faces.size());
        assertEquals(1.0f, faces.get(0).score());
    }

    @Test
    void weightedSuppressionAveragesEachClusterByScore() {
        BlazeFaceDecoder.Raw a = new BlazeFaceDecoder.Raw(0.9f, new float[] {0.0f, 0.0f, 0.4f, 0.4f});
        BlazeFaceDecoder.Raw b = new BlazeFaceDecoder.Raw(0.6f, new float[] {0.1f, 0.1f, 0.5f, 0.5f});
        BlazeFaceDecoder.Raw apart = new BlazeFaceDecoder.Raw(0.7f, new float[] {0.6f, 0.6f, 0.9f, 0.9f});
        List<BlazeFaceDecoder.Raw> out = BlazeFaceDecoder.weightedSuppression(List.of(b, apart, a), 0.3f);
        assertEquals(2, out.size());
        // the cluster keeps its best score and the score-weighted mean of its boxes
        assertEquals(0.9f, out.get(0).score());
        assertArrayEquals(new float[] {0.04f, 0.04f, 0.44f, 0.44f}, out.get(0).coords(), 1e-6f);
        assertEquals(0.7f, out.get(1).score());
        assertArrayEquals(apart.coords(), out.get(1).coords(), 1e-6f);
    }

    @Test
    void outputsOfTheWrongSizeAreAnError() {
        assertThrows(IllegalStateException.class,
                () -> BlazeFaceDecoder.decode(BlazeFaceModel.SHORT_RANGE, new float[16 * 2304], new float[2304], 0.5f));
    }
}
