package io.lvnet.model;

import io.lvnet.model.layers.NamedBlock;

import io.lvnet.model.layers.TensorOps;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.lvnet.model.layers.Bfloat16;
import io.lvnet.model.layers.ConvNormRelu;
import io.lvnet.model.layers.InferenceParameters;
import io.lvnet.model.layers.MixedPrecisionParameters;
import io.lvnet.platform.LibtorchNnpack;
import java.util.function.BiConsumer;

/**
 * LVNet, the two-stream "Locate and Verify" deepfake detector.
 *
 * <p>An RGB and an SRM-noise Xception stream run stage by stage; cross-modality consistency
 * (CMCE) couples them in stages 0..2, local forgery guided attention (LFGA) lets the RGB stream
 * steer the SRM stream in stages 3..5. Locate: multi-scale patch fusion (MPFF) of the RGB
 * stages feeds the segmentation head (S x S patch logits). Verify: the pooled SRM stages are
 * fused with the SRM exit flow by Hadamard bilinear fusion and classified.
 *
 * <p>Inputs are B x 3 x H x W, normalised to [-1, 1]. As a DJL block, {@code forward} returns
 * {@code [logits, segmentation]} (plus the projection for the semi-supervised variant).
 */
public final class LvNet extends NamedBlock {
    /**
     * A bfloat16 pass computes the SRM filter and both streams' stage 0 with its CMCE in float32,
     * the rest in bfloat16. The filter's residuals are differences of neighbouring pixels, which
     * bfloat16's 8 bits lose: with the filter in bfloat16 the compact model's fake probabilities
     * on the synthetic test set were up to 0.11 from float32's, with stage 0 in bfloat16 0.032,
     * with both in float32 0.016 (full size: 5.2 to 5.6 images/s either way, Xeon with AMX).
     */
    static final int FIRST_BFLOAT16_STAGE = 1;

    private final LvNetConfig config;
    private final XceptionStream rgbStream;
    private final XceptionStream srmStream;
    private final SrmFilter srmFilter;
    private final ConvNormRelu[] score = new ConvNormRelu[6];
    private final HadamardBilinearFusion hadamardFusion;
    private final CrossModalityConsistency[] cmce = new CrossModalityConsistency[3];
    private final LocalForgeryGuidedAttention[] lfga = new LocalForgeryGuidedAttention[3];
    private final ClassificationHead classificationHead;
    private final NormReluConv segmentationHead;
    private final NormReluConv projectionHead;
    private final MultiScalePatchFusion mpff;

    /** Builds the network's structure; call {@link #initialize} (or use {@link #create}) before use. */
    public LvNet(LvNetConfig config) {
        this.config = config;
        Channels ch = config.channels();
        // registration order follows the reference state dict
        rgbStream = child("rgbStream", new XceptionStream(ch));
        srmStream = child("srmStream", new XceptionStream(ch));
        srmFilter = child("srmFilter", new SrmFilter());
        for (int i = 0; i < 6; i++) {
            score[i] = child("score" + i, new ConvNormRelu(ch.stage(i), ch.score()));
        }
        hadamardFusion = child("hadamardFusion",
                new HadamardBilinearFusion(ch.pooledSrm(), ch.stage(6), ch.fusionHidden(), ch.fusionOut()));
        for (int i = 0; i < 3; i++) {
            cmce[i] = child("cmce" + i, new CrossModalityConsistency(ch.stage(i)));
        }
        for (int i = 0; i < 3; i++) {
            lfga[i] = child("lfga" + i, new LocalForgeryGuidedAttention(ch.stage(3 + i), ch.attentionKey()));
        }
        classificationHead = child("classificationHead", new ClassificationHead(ch.fusionOut()));
        segmentationHead = child("segmentationHead", new NormReluConv(config.segmentationChannels(), 2));
        projectionHead = config.variant() == Variant.SEMI_SUPERVISED
                ? child("projectionHead", new NormReluConv(ch.stage(5), ch.projection()))
                : null;
        mpff = new MultiScalePatchFusion(config.patchGrid());
    }

    /** Builds and initialises a network (PyTorch's default initialisation) in {@code manager}. */
    public static LvNet create(LvNetConfig config, NDManager manager) {
        LvNet net = new LvNet(config);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, config.inputSize(), config.inputSize()));
        return net;
    }

    public LvNetConfig config() {
        return config;
    }

    /** Runs the network. */
    public LvNetOutput forward(ParameterStore ps, NDArray x, boolean training) {
        return forward(ps, x, training, null);
    }

    /**
     * Prepares the network for inference only: every batch norm that directly follows a
     * convolution (both streams, the score convolutions) is folded into it, so eval-mode forward
     * passes skip those normalisations. Outputs stay within float rounding; training mode is
     * unaffected, but the weights must not change afterwards.
     */
    public void foldBatchNorms() {
        rgbStream.foldBatchNorms();
        srmStream.foldBatchNorms();
        for (ConvNormRelu s : score) {
            s.foldBatchNorm();
        }
    }

    /**
     * Runs the network, handing intermediate maps to {@code taps} under the names of the
     * golden files ({@code srm}, {@code stageK_rgb}, {@code stageK_srm}, {@code cls_features},
     * {@code seg_features}) when it is not null.
     */
    public LvNetOutput forward(ParameterStore ps, NDArray x, boolean training, BiConsumer<String, NDArray> taps) {
        if (!training && ps instanceof InferenceParameters ip && ip.inBfloat16()) {
            // a bfloat16 pass (see FIRST_BFLOAT16_STAGE): float32 again for the outputs and taps
            BiConsumer<String, NDArray> inFloat32 = taps == null ? null : (n, a) -> taps.accept(n, float32(a));
            LvNetOutput out = forwardInOwnType(ps, x, false, inFloat32);
            return new LvNetOutput(float32(out.logits()), float32(out.segmentation()),
                    out.projection() == null ? null : float32(out.projection()));
        }
        return forwardInOwnType(ps, x, training, taps);
    }

    private LvNetOutput forwardInOwnType(ParameterStore ps, NDArray x, boolean training,
            BiConsumer<String, NDArray> taps) {
        BiConsumer<String, NDArray> tap = taps == null ? (n, a) -> { } : taps;
        StageMaps maps = new StageMaps();
        for (int k = 0; k < StageMaps.COUNT; k++) {
            stage(ps, k, x, maps, training, tap);
        }
        return heads(ps, maps, training, taps);
    }

    private static NDArray float32(NDArray a) {
        return Bfloat16.isBfloat16(a) ? Bfloat16.toFloat32(a) : a;
    }

    /**
     * A stream's input in a mixed-precision training step: bfloat16, from stage 0 on (see
     * {@link MixedPrecisionParameters}); else as it comes. The faces and the SRM filter's output
     * (a fixed filter) need no gradient.
     */
    private static NDArray inTrainingType(ParameterStore ps, NDArray a, boolean training) {
        return training && ps instanceof MixedPrecisionParameters mixed ? mixed.toBfloat16(a) : a;
    }

    /**
     * Stage {@code k}'s output in the pass's type: from stage {@link #FIRST_BFLOAT16_STAGE} - 1
     * on converted to bfloat16 in a bfloat16 inference pass, so that the later stages and every
     * module that reads the map compute in bfloat16; else as it comes.
     */
    private static NDArray inPassType(ParameterStore ps, int k, NDArray a, boolean training) {
        if (k >= FIRST_BFLOAT16_STAGE - 1 && !training && ps instanceof InferenceParameters ip && ip.inBfloat16()
                && !Bfloat16.isBfloat16(a)) {
            return ip.toBfloat16(a);
        }
        return a;
    }

    /**
     * Only what SSPSL's pseudo labels need: the projection head on the locate stream's stage 5.
     * The verify stream's later stages, the fusions and the heads are not run.
     *
     * @throws IllegalStateException when this is not the semi-supervised variant
     */
    public NDArray projection(ParameterStore ps, NDArray x, boolean training) {
        if (projectionHead == null) {
            throw new IllegalStateException("only the semi-supervised variant has a projection head");
        }
        if (!training && ps instanceof InferenceParameters ip && ip.inBfloat16()) {
            return float32(projectionInOwnType(ps, x, false));
        }
        return projectionInOwnType(ps, x, training);
    }

    private NDArray projectionInOwnType(ParameterStore ps, NDArray x, boolean training) {
        return scoped(() -> {
            StageMaps maps = new StageMaps();
            for (int k = 0; k < StageMaps.EARLY; k++) {
                stage(ps, k, x, maps, training);
            }
            NDArray z = maps.rgb(2);
            if (config.ablation().streams() == Ablation.Streams.BOTH) {
                z = z.add(maps.noise(2)); // both streams' stage 3 read the sum
            }
            XceptionStream stream = config.ablation().streams() == Ablation.Streams.SRM_ONLY ? srmStream : rgbStream;
            for (int k = 3; k <= 5; k++) {
                z = stream.stage(k, ps, z, training);
            }
            return projectionHead.forward(ps, float32(z), training);
        });
    }

    /**
     * Computes stage {@code k} of both streams with the module that couples them there, from
     * {@code maps}' stage {@code k - 1} (stage 0 from the faces {@code x}), and sets its maps
     * in {@code maps}. Stage by stage, this is {@link #forward} up to the heads; training
     * recomputes one stage at a time from it (see {@code ForwardBackward}).
     */
    public void stage(ParameterStore ps, int k, NDArray x, StageMaps maps, boolean training) {
        stage(ps, k, x, maps, training, (n, a) -> { });
    }

    private void stage(ParameterStore ps, int k, NDArray x, StageMaps maps, boolean training,
            BiConsumer<String, NDArray> tap) {
        LibtorchNnpack.ensureOff(); // else libtorch may print a line per small convolution
        Ablation ablation = config.ablation();
        if (ablation.streams() != Ablation.Streams.BOTH) {
            boolean rgbOnly = ablation.streams() == Ablation.Streams.RGB_ONLY;
            XceptionStream stream = rgbOnly ? rgbStream : srmStream;
            NDArray in = k == 0 ? inTrainingType(ps, rgbOnly ? x : srmFilter.forward(ps, x, training), training)
                    : k == 6 ? maps.noise(5) : maps.rgb(k - 1);
            NDArray z = stream.stage(k, ps, in, training);
            if (k < StageMaps.EARLY) {
                z = inPassType(ps, k, z, training);
            }
            maps.set(k, k == 6 ? null : z, z);
            return;
        }
        if (k < StageMaps.EARLY) {
            NDArray xs;
            NDArray ys;
            if (k == 0) {
                NDArray srm = srmFilter.forward(ps, x, training);
                tap.accept("srm", srm);
                xs = inTrainingType(ps, x, training);
                ys = inTrainingType(ps, srm, training);
            } else {
                xs = maps.rgb(k - 1);
                ys = maps.noise(k - 1);
            }
            NDArray a = rgbStream.stage(k, ps, xs, training);
            NDArray b = srmStream.stage(k, ps, ys, training);
            if (ablation.cmce()) {
                NDList enhanced = cmce[k].forward(a, b);
                a = enhanced.get(0);
                b = enhanced.get(1);
            }
            maps.set(k, inPassType(ps, k, a, training), inPassType(ps, k, b, training));
        } else if (k < 6) {
            // both streams' stage 3 read the sum of their stage 2
            NDArray rgbIn = k == 3 ? maps.rgb(2).add(maps.noise(2)) : maps.rgb(k - 1);
            NDArray noiseIn = k == 3 ? rgbIn : maps.noise(k - 1);
            NDArray r = rgbStream.stage(k, ps, rgbIn, training);
            NDArray s = srmStream.stage(k, ps, noiseIn, training);
            maps.set(k, r, ablation.lfga() ? lfga[k - 3].forward(ps, s, r, training) : s);
        } else {
            maps.set(6, null, srmStream.stage(6, ps, maps.noise(5), training)); // the RGB exit flow is never used
        }
    }

    /**
     * Locate and verify from every stage's maps: MPFF of the locate stream's stages into the
     * segmentation head, the Hadamard fusion of the verify stream's into the classification head.
     */
    public LvNetOutput heads(ParameterStore ps, StageMaps maps, boolean training) {
        return heads(ps, maps, training, null);
    }

    private LvNetOutput heads(ParameterStore ps, StageMaps maps, boolean training,
            BiConsumer<String, NDArray> taps) {
        BiConsumer<String, NDArray> tap = taps == null ? (n, a) -> { } : taps;
        NDArray[] rgb = new NDArray[6];
        NDArray[] noise = new NDArray[7];
        for (int k = 0; k < StageMaps.COUNT; k++) {
            if (k < 6) {
                rgb[k] = maps.rgb(k);
            }
            noise[k] = maps.noise(k);
        }
        if (training && ps instanceof MixedPrecisionParameters) {
            // mixed-precision training: MPFF, the fusion and the heads read float32 maps
            for (int k = 0; k < noise.length; k++) {
                noise[k] = Bfloat16.toFloat32Recorded(noise[k]);
            }
            for (int k = 0; k < rgb.length; k++) {
                rgb[k] = Bfloat16.toFloat32Recorded(rgb[k]);
            }
        }
        for (int k = 0; k < 6; k++) {
            tap.accept("stage" + k + "_rgb", rgb[k]);
            tap.accept("stage" + k + "_srm", noise[k]);
        }
        tap.accept("stage6_srm", noise[6]);
        if (taps != null && config.ablation().streams() == Ablation.Streams.BOTH) {
            // diagnostics only: the RGB exit flow feeds nothing, so inference never runs it
            tap.accept("stage6_rgb", rgbStream.stage(6, ps, rgb[5], training));
        }

        NDArray segFeatures = locateFeatures(ps, rgb, training);
        tap.accept("seg_features", segFeatures);
        NDArray clsFeatures = verifyFeatures(ps, noise, training);
        tap.accept("cls_features", clsFeatures);

        // the heads in float32 in a bfloat16 pass too: 10 x 10 and 19 x 19 maps cost nothing, and
        // logits rounded to bfloat16's 8 bits would move probabilities by up to 0.004
        NDArray logits = classificationHead.forward(ps, float32(clsFeatures), training);
        NDArray segmentation = segmentationHead.forward(ps, float32(segFeatures), training);
        NDArray projection = projectionHead == null ? null : projectionHead.forward(ps, float32(rgb[5]), training);
        return new LvNetOutput(logits, segmentation, projection);
    }

    /** MPFF of score maps u0..u4 against u5, concatenated with x5: the segmentation head's input. */
    private NDArray locateFeatures(ParameterStore ps, NDArray[] rgb, boolean training) {
        if (!config.ablation().mpff()) {
            return rgb[5];
        }
        return scoped(() -> {
            NDArray u5 = score[5].forward(ps, rgb[5], training);
            NDList parts = new NDList();
            for (int k = 0; k <= 4; k++) {
                int stage = k;
                // one stage at a time: each fusion's large temporaries go before the next begins
                parts.add(scoped(() -> mpff.fuse(ps, score[stage], rgb[stage], u5, training)));
            }
            parts.add(rgb[5]);
            return NDArrays.concat(parts, 1);
        });
    }

    /** Pooled SRM stages 0, 1, 2, 3, 5 fused with the SRM exit flow: the classification head's input. */
    private NDArray verifyFeatures(ParameterStore ps, NDArray[] noise, boolean training) {
        return scoped(() -> {
            NDList pooled = new NDList();
            for (int k : new int[] {0, 1, 2, 3, 5}) { // stage 4 is not used, as in the reference
                pooled.add(padMaxPool(noise[k]));
            }
            return hadamardFusion.forward(ps, NDArrays.concat(pooled, 1), noise[6], training);
        });
    }

    /** Edge-pads to a multiple of the fusion grid, then max-pools with kernel = stride. */
    private NDArray padMaxPool(NDArray x) {
        int grid = config.fusionGrid();
        NDArray padded = TensorOps.replicationPadToMultiple(x, grid);
        long k = padded.getShape().get(2) / grid;
        return Pool.maxPool2d(padded, new Shape(k, k), new Shape(k, k), new Shape(0, 0), false);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        LvNetOutput out = forward(ps, inputs.singletonOrThrow(), training);
        NDList list = new NDList(out.logits(), out.segmentation());
        if (out.projection() != null) {
            list.add(out.projection());
        }
        return list;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        int s = config.patchGrid();
        Shape logits = new Shape(b, 2);
        Shape seg = new Shape(b, 2, s, s);
        return projectionHead == null
                ? new Shape[] {logits, seg}
                : new Shape[] {logits, seg, new Shape(b, config.channels().projection(), s, s)};
    }
}
