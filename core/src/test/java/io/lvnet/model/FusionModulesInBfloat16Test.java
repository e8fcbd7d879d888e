package io.lvnet.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.lvnet.model.layers.Bfloat16;
import io.lvnet.model.layers.ConvNormRelu;
import io.lvnet.model.layers.ConvertedWeights;
import io.lvnet.model.layers.InferenceParameters;
import io.lvnet.testing.Tolerance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bfloat16 pass computes the fusion modules in bfloat16 too, not only the streams: each takes
 * bfloat16 maps, gives bfloat16 maps (no conversion back and forth inside), and stays near its
 * float32 result. The heads, which the network keeps in float32, compute in their input's type. MPFF sums 64 sigmoids per position, where bfloat16 would lose
 * the result to cancellation if it subtracted C/2 after summing.
 */
class FusionModulesInBfloat16Test {
    /** bfloat16 rounding gave 0.002-0.004 relative L2 here; MPFF summed without centring, 0.03. */
    private static final double TOLERANCE = 1e-2;
    /**
     * The classification head's two logits, after the Hadamard fusion's rounding has been
     * normalised, pooled and projected: 0.011 on one draw of the inputs.
     */
    private static final double LOGITS_TOLERANCE = 3e-2;

    @BeforeEach
    void seed() {
        Engine.getInstance().setRandomSeed(20261207); // the same inputs and weights on every run
    }

    @Test
    void crossModalityConsistency() {
        try (NDManager m = NDManager.newBaseManager(); Bfloat16 bf = Bfloat16.load(m)) {
            NDArray a = m.randomNormal(new Shape(2, 16, 12, 12));
            NDArray b = m.randomNormal(new Shape(2, 16, 12, 12));
            CrossModalityConsistency cmce = new CrossModalityConsistency(16);
            NDList fp32 = cmce.forward(a, b);
            NDList bf16 = cmce.forward(bf.from(a), bf.from(b));
            for (int i = 0; i < 2; i++) {
                compare("CMCE output " + i, fp32.get(i), bf16.get(i));
            }
        }
    }

    @Test
    void localForgeryGuidedAttention() {
        try (NDManager m = NDManager.newBaseManager(); Bfloat16 bf = Bfloat16.load(m)) {
            LocalForgeryGuidedAttention lfga = new LocalForgeryGuidedAttention(32, 8);
            lfga.initialize(m, DataType.FLOAT32, new Shape(1, 32, 19, 19), new Shape(1, 32, 19, 19));
            // gamma starts at 0, which would leave only the residual to compare
            lfga.namedParameters().get("gamma").getArray().set(new float[] {0.7f});
            NDArray fa = m.randomNormal(new Shape(1, 32, 19, 19));
            NDArray fb = m.randomNormal(new Shape(1, 32, 19, 19));
            NDArray fp32 = lfga.forward(new InferenceParameters(m), fa, fb, false);
            NDArray bf16 = lfga.forward(bfloat16Pass(m, bf), bf.from(fa), bf.from(fb), false);
            compare("LFGA", fp32, bf16);
        }
    }

    @Test
    void multiScalePatchFusionAtEveryStageSize() {
        for (int side : new int[] {147, 37, 19}) {
            try (NDManager m = NDManager.newBaseManager(); Bfloat16 bf = Bfloat16.load(m)) {
                ConvNormRelu score = new ConvNormRelu(24, 64);
                score.initialize(m, DataType.FLOAT32, new Shape(1, 24, side, side));
                score.foldBatchNorm();
                NDArray stage = m.randomUniform(0, 1, new Shape(1, 24, side, side));
                NDArray u5 = m.randomUniform(0, 1, new Shape(1, 64, 19, 19));
                MultiScalePatchFusion mpff = new MultiScalePatchFusion(19);
                NDArray fp32 = mpff.fuseInEval(new InferenceParameters(m), score, stage, u5);
                NDArray bf16 = mpff.fuseInEval(bfloat16Pass(m, bf), score, bf.from(stage), bf.from(u5));
                compare("MPFF at " + side + " px", fp32, bf16);
            }
        }
    }

    @Test
    void hadamardFusionAndHeads() {
        try (NDManager m = NDManager.newBaseManager(); Bfloat16 bf = Bfloat16.load(m)) {
            HadamardBilinearFusion hbf = new HadamardBilinearFusion(12, 20, 32, 48);
            hbf.initialize(m, DataType.FLOAT32, new Shape(1, 12, 10, 10), new Shape(1, 20, 10, 10));
            ClassificationHead cls = new ClassificationHead(48);
            cls.initialize(m, DataType.FLOAT32, new Shape(1, 48, 10, 10));
            NormReluConv seg = new NormReluConv(20, 2);
            seg.initialize(m, DataType.FLOAT32, new Shape(1, 20, 10, 10));
            NDArray f1 = m.randomNormal(new Shape(1, 12, 10, 10));
            NDArray f2 = m.randomNormal(new Shape(1, 20, 10, 10));
            ParameterStore fp = new InferenceParameters(m);
            ParameterStore bp = bfloat16Pass(m, bf);
            NDArray fused32 = hbf.forward(fp, f1, f2, false);
            NDArray fused16 = hbf.forward(bp, bf.from(f1), bf.from(f2), false);
            compare("Hadamard bilinear fusion", fused32, fused16);
            compare("classification head", cls.forward(fp, fused32, false), cls.forward(bp, fused16, false),
                    LOGITS_TOLERANCE);
            compare("segmentation head", seg.forward(fp, f2, false), seg.forward(bp, bf.from(f2), false));
        }
    }

    private static InferenceParameters bfloat16Pass(NDManager m, Bfloat16 bf) {
        return new InferenceParameters(m, bf, new ConvertedWeights());
    }

    private static void compare(String what, NDArray fp32, NDArray bf16) {
        compare(what, fp32, bf16, TOLERANCE);
    }

    private static void compare(String what, NDArray fp32, NDArray bf16, double tolerance) {
        assertTrue(Bfloat16.isBfloat16(bf16), what + " left bfloat16");
        Tolerance.relativeL2(what, fp32.toFloatArray(), Bfloat16.toFloat32(bf16).toFloatArray(), tolerance);
    }
}
