package io.lvnet.model;

import io.lvnet.model.layers.NamedBlock;

import io.lvnet.model.layers.InferenceParameters;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import io.lvnet.model.layers.BatchNorm2d;
import io.lvnet.model.layers.Conv2d;
import io.lvnet.model.layers.Linear;
import io.lvnet.model.layers.SeparableConv2d;

/**
 * One Xception stream of LVNet, run stage by stage so that the fusion modules can sit between
 * stages. Stage 0 is the entry convolutions, 1..3 the strided entry blocks, 4 and 5 the middle
 * flow (blocks 4-7 and 8-11), 6 the exit flow without its final ReLU. The ImageNet classifier
 * ({@code classifier}) is kept only so that checkpoints load; LVNet never calls it.
 */
public final class XceptionStream extends NamedBlock {
    /** Number of stages. */
    public static final int STAGES = 7;

    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final XceptionBlock[] blocks = new XceptionBlock[13];
    private final SeparableConv2d conv3;
    private final BatchNorm2d bn3;
    private final SeparableConv2d conv4;
    private final BatchNorm2d bn4;

    /** An Xception whose channel widths come from {@code ch}. */
    public XceptionStream(Channels ch) {
        conv1 = child("conv1", Conv2d.of(3, ch.entry(), 3, 2, 1));
        bn1 = child("bn1", new BatchNorm2d(ch.entry()));
        conv2 = child("conv2", Conv2d.of(ch.entry(), ch.stage(0), 3, 1, 1));
        bn2 = child("bn2", new BatchNorm2d(ch.stage(0)));
        blocks[1] = child("block1", new XceptionBlock(ch.stage(0), ch.stage(1), 2, 2, false, true));
        blocks[2] = child("block2", new XceptionBlock(ch.stage(1), ch.stage(2), 2, 2, true, true));
        blocks[3] = child("block3", new XceptionBlock(ch.stage(2), ch.stage(3), 2, 2, true, true));
        for (int b = 4; b <= 11; b++) {
            blocks[b] = child("block" + b, new XceptionBlock(ch.stage(3), ch.stage(3), 3, 1, true, true));
        }
        blocks[12] = child("block12", new XceptionBlock(ch.stage(3), ch.exitBlock(), 2, 2, true, false));
        conv3 = child("conv3", new SeparableConv2d(ch.exitBlock(), ch.exitMiddle()));
        bn3 = child("bn3", new BatchNorm2d(ch.exitMiddle()));
        conv4 = child("conv4", new SeparableConv2d(ch.exitMiddle(), ch.stage(6)));
        bn4 = child("bn4", new BatchNorm2d(ch.stage(6)));
        child("classifier", new Linear(ch.stage(6), 2));
    }

    /**
     * Runs stage {@code k} (0..6) on {@code x}, in {@code x}'s type (bfloat16 in a bfloat16
     * inference pass, see {@link InferenceParameters}).
     */
    public NDArray stage(int k, ParameterStore ps, NDArray x, boolean training) {
        return compute(k, ps, x, training);
    }

    private NDArray compute(int k, ParameterStore ps, NDArray x, boolean training) {
        return scoped(() -> {
            return switch (k) {
                case 0 -> {
                    NDArray y = Activation.relu(bn1.forward(ps, conv1.forward(ps, x, training), training));
                    yield Activation.relu(bn2.forward(ps, conv2.forward(ps, y, training), training));
                }
                case 1, 2, 3 -> blocks[k].forward(ps, x, training);
                case 4, 5 -> {
                    int first = k == 4 ? 4 : 8;
                    NDArray y = x;
                    for (int b = first; b < first + 4; b++) {
                        y = blocks[b].forward(ps, y, training);
                    }
                    yield y;
                }
                case 6 -> {
                    NDArray y = blocks[12].forward(ps, x, training);
                    y = Activation.relu(bn3.forward(ps, conv3.forward(ps, y, training), training));
                    yield bn4.forward(ps, conv4.forward(ps, y, training), training);
                }
                default -> throw new IllegalArgumentException("Xception has stages 0..6, not " + k);
            };
        });
    }

    @Override
    protected ai.djl.ndarray.NDList forwardInternal(ParameterStore ps, ai.djl.ndarray.NDList inputs,
            boolean training, ai.djl.util.PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        for (int k = 0; k < STAGES; k++) {
            x = stage(k, ps, x, training);
        }
        return new ai.djl.ndarray.NDList(x);
    }

    /** Folds every batch norm into the convolution before it, for inference. */
    public void foldBatchNorms() {
        conv1.foldIn(bn1);
        conv2.foldIn(bn2);
        for (int b = 1; b < blocks.length; b++) {
            blocks[b].foldBatchNorms();
        }
        conv3.foldIn(bn3);
        conv4.foldIn(bn4);
    }
}
