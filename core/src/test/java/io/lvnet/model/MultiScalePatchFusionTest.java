package io.lvnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.lvnet.model.layers.ConvNormRelu;
import io.lvnet.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * MPFF's inference path (stage padded before its score, score computed in channel slices,
 * tanh through sigmoid) against the reference formula {@code fuse(score(x), u5)}.
 */
class MultiScalePatchFusionTest {
    private static final int GRID = 19;

    /** Stage sizes of a 299 input: k = 8 (padded 147 -> 152), 4, 2 and 1. */
    @Test
    void inferencePathEqualsTheReferenceFormulaAtEveryStageSize() {
        for (int side : new int[] {147, 74, 37, 19}) {
            // batch 2 and 64 channels at 152 x 152 exceed one slice, so several are summed
            check(side, 2, 24, 64, true);
        }
    }

    @Test
    void unfoldedScoreAndRecordedGradientsTakeTheSamePath() {
        check(37, 1, 8, 16, false);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            assertTrue(TensorOps.recordingGradients());
            check(74, 1, 8, 16, false);
        }
    }

    private static void check(int side, int batch, int stageChannels, int scoreChannels, boolean fold) {
        try (NDManager m = NDManager.newBaseManager()) {
            ConvNormRelu score = new ConvNormRelu(stageChannels, scoreChannels);
            score.initialize(m, DataType.FLOAT32, new Shape(batch, stageChannels, side, side));
            ConvNormRelu deepScore = new ConvNormRelu(stageChannels, scoreChannels);
            deepScore.initialize(m, DataType.FLOAT32, new Shape(batch, stageChannels, GRID, GRID));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray stage = m.randomUniform(0, 1, new Shape(batch, stageChannels, side, side));
            NDArray u5 = deepScore.forward(ps, m.randomUniform(0, 1, new Shape(batch, stageChannels, GRID, GRID)), false);
            MultiScalePatchFusion mpff = new MultiScalePatchFusion(GRID);
            float[] reference = mpff.fuse(score.forward(ps, stage, false), u5).toFloatArray();
            if (fold) {
                score.foldBatchNorm();
            }
            NDArray fast = mpff.fuseInEval(ps, score, TensorOps.channelsLast(stage), u5);
            int k = (side + GRID - 1) / GRID;
            assertEquals(new Shape(batch, (long) k * k, GRID, GRID), fast.getShape(), "side " + side);
            Tolerance.relativeL2("MPFF at " + side + " px", reference, fast.toFloatArray(), 1e-5);
        }
    }
}
