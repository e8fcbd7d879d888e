package io.lvnet.detect;

import io.lvnet.model.LvNetOutput;

import io.lvnet.model.LvNetConfig;

import io.lvnet.model.LvNet;

import io.lvnet.model.layers.ConvertedWeights;

import io.lvnet.model.layers.Bfloat16;







import io.lvnet.model.layers.InferenceParameters;

import io.lvnet.model.layers.TensorOps;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.lvnet.calibrate.Calibration;
import io.lvnet.provenance.ModelCard;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.TensorData;
import io.lvnet.weights.WeightsFile;
import io.lvnet.weights.WeightsFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The library's entry point for inference: an LVNet with its weights on a device, ready to
 * score batches of aligned face crops.
 *
 * <pre>{@code
 * try (LvNetModel model = LvNetModel.load(Path.of("lvnet.safetensors"))) {
 *     Predictions p = model.predict(batch, n);   // batch: n x 3 x S x S, values in [-1, 1]
 *     float fake = p.fakeProbability()[0];
 * }
 * }</pre>
 *
 * <p>Parameters are frozen, so inference builds no autograd graph on any thread; the model may
 * be shared by threads. Instances own native memory: close them.
 */
public final class LvNetModel implements AutoCloseable {
    /** Inference inputs are laid out channels-last unless {@code -Dlvnet.channelsLast=false}. */
    private static final boolean CHANNELS_LAST =
            !"false".equalsIgnoreCase(System.getProperty("lvnet.channelsLast", "true"));
    private final NDManager manager;
    private final LvNet net;
    /** The conversion to bfloat16 in bfloat16 mode, else null. */
    private volatile Bfloat16 bfloat16;
    /** Weights converted to bfloat16 so far, shared by every pass. */
    private final ConvertedWeights convertedWeights = new ConvertedWeights();
    /** The calibration the weights file carried, or null. */
    private Calibration calibration;
    /** The model card the weights file carried, or null. */
    private ModelCard modelCard;

    private LvNetModel(NDManager manager, LvNet net) {
        this.manager = manager;
        this.net = net;
        for (Parameter p : net.namedParameters().values()) {
            p.freeze(true);
        }
        // frozen weights serve inference only: fold batch norms into convolutions once
        net.foldBatchNorms();
    }

    /** A randomly initialised model (PyTorch's default initialisation) on the default device. */
    public static LvNetModel create(LvNetConfig config) {
        NDManager m = NDManager.newBaseManager(Engine.getInstance().defaultDevice());
        return new LvNetModel(m, LvNet.create(config, m));
    }

    /**
     * Loads weights in our format or a PyTorch checkpoint (input size 299 assumed for the latter).
     *
     * @throws WeightsFormatException when the file is not LVNet weights or does not fit the model
     */
    public static LvNetModel load(Path weights) throws IOException {
        return load(weights, 299);
    }

    /** Loads weights; {@code inputSize} applies to PyTorch checkpoints, which do not record it. */
    public static LvNetModel load(Path weights, int inputSize) throws IOException {
        WeightsFile file = WeightsFile.read(weights, inputSize);
        Calibration calibration;
        try {
            calibration = Calibration.fromMetadata(file.metadata());
        } catch (IllegalArgumentException e) {
            throw new WeightsFormatException(weights + ": bad calibration in metadata: " + e.getMessage());
        }
        ModelCard card;
        try {
            card = ModelCard.fromMetadata(file.metadata());
        } catch (IllegalArgumentException e) {
            throw new WeightsFormatException(weights + ": bad model card in metadata: " + e.getMessage());
        }
        LvNetModel model = fromStateDict(file.config(), file.stateDict(), weights);
        model.calibration = calibration;
        model.modelCard = card;
        return model;
    }

    /** A model with the given weights (reference names), loaded strictly. */
    public static LvNetModel fromStateDict(LvNetConfig config, Map<String, TensorData> stateDict, Path source)
            throws WeightsFormatException {
        NDManager m = NDManager.newBaseManager(Engine.getInstance().defaultDevice());
        try {
            LvNet net = LvNet.create(config, m);
            StateDicts.load(net, stateDict, true);
            return new LvNetModel(m, net);
        } catch (WeightsFormatException e) {
            m.close();
            throw new WeightsFormatException(source + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Saves the weights in our format (safetensors, reference names, configuration in metadata). */
    public void save(Path file) throws IOException {
        WeightsFile.save(file, net.config(), StateDicts.export(net));
    }

    public LvNetConfig config() {
        return net.config();
    }

    /**
     * The calibration of the face score that the weights file carried ({@code lvnet
     * calibrate}), or null for weights without one, whose softmax is the only probability.
     */
    public Calibration calibration() {
        return calibration;
    }

    /**
     * The model card the weights file carried (training data, recipe, metrics, calibration,
     * intended use, licence), or null for weights without one, such as converted checkpoints.
     */
    public ModelCard modelCard() {
        return modelCard;
    }

    /** The underlying network, for training and for callers that work with NDArrays. */
    public LvNet network() {
        return net;
    }

    /** Number of parameter values as PyTorch's {@code parameters()} counts them (batch-norm buffers excluded). */
    public long parameterCount() {
        return parameterCount(net);
    }

    /** {@link #parameterCount()} of any network. */
    public static long parameterCount(LvNet net) {
        return net.namedParameters().values().stream()
                .filter(p -> p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR
                        && !p.getName().equals("num_batches_tracked"))
                .mapToLong(p -> p.getArray().getShape().size())
                .sum();
    }

    /**
     * Computes later passes in bfloat16 instead of float32, from the input to the outputs,
     * which come back in float32: convolutions and matrix products take a fraction of the time
     * where the CPU has bfloat16 instructions (AVX512-BF16, AMX), at a deviation from float32
     * that {@code lvnet bench --precision bf16} reports. Call before the model is shared.
     */
    public LvNetModel useBfloat16() {
        if (bfloat16 == null) {
            bfloat16 = Bfloat16.load(manager);
        }
        return this;
    }

    /**
     * Sets the precision of later passes: {@link Precision#AUTO} picks bfloat16 where this
     * machine's CPU computes it natively ({@link io.lvnet.platform.CpuFeatures#bfloat16Native}).
     * A model in bfloat16 stays there. Call before the model is shared.
     *
     * @return this model
     */
    public LvNetModel withPrecision(Precision precision) {
        return precision.on(io.lvnet.platform.CpuFeatures.here()) == Precision.BF16 ? useBfloat16() : this;
    }

    /** The precision passes run in: {@link Precision#FP32} or {@link Precision#BF16}. */
    public Precision precision() {
        return bfloat16 == null ? Precision.FP32 : Precision.BF16;
    }

    /** Whether passes compute in bfloat16 ({@link #useBfloat16}). */
    public boolean usesBfloat16() {
        return bfloat16 != null;
    }

    /** The device the weights live on. */
    public Device device() {
        return manager.getDevice();
    }

    /**
     * Scores {@code n} faces in eval mode.
     *
     * @param batch n x 3 x S x S values, row-major, normalised as {@code (v/255 - 0.5)/0.5}
     * @param n number of faces
     */
    public Predictions predict(float[] batch, int n) {
        int s = config().inputSize();
        if (batch.length != (long) n * 3 * s * s) {
            throw new IllegalArgumentException("expected " + n + " x 3 x " + s + " x " + s + " values, got " + batch.length);
        }
        try (NDManager scope = manager.newSubManager()) {
            LvNetOutput out = forward(scope, scope.create(batch, new Shape(n, 3, s, s)));
            int grid = config().patchGrid();
            float[] logits = out.logits().toFloatArray();
            float[] prob = out.fakeProbability().toFloatArray();
            float[] patches = out.patchMap().toFloatArray();
            float[][] l = new float[n][2];
            float[][][] pm = new float[n][grid][grid];
            for (int i = 0; i < n; i++) {
                l[i][0] = logits[2 * i];
                l[i][1] = logits[2 * i + 1];
                for (int r = 0; r < grid; r++) {
                    System.arraycopy(patches, (i * grid + r) * grid, pm[i][r], 0, grid);
                }
            }
            return new Predictions(l, prob, pm, out.projection() == null ? null : projections(out.projection(), n));
        }
    }

    /**
     * The network's eval-mode outputs for {@code images} (n x 3 x S x S, normalised as for
     * {@link #predict}), in this model's precision; every array it makes lives in {@code scope}.
     */
    public LvNetOutput forward(NDManager scope, NDArray images) {
        NDArray x = images;
        if (CHANNELS_LAST) {
            // oneDNN's convolutions run on NHWC without reordering: 1.2x at batch 1 on CPU
            x = TensorOps.channelsLast(x);
        }
        return net.forward(new InferenceParameters(scope, bfloat16, convertedWeights), x, false);
    }

    private static float[][][][] projections(NDArray p, int n) {
        Shape s = p.getShape();
        int c = (int) s.get(1);
        int h = (int) s.get(2);
        float[] v = p.toFloatArray();
        float[][][][] out = new float[n][c][h][h];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int r = 0; r < h; r++) {
                    System.arraycopy(v, k, out[i][ch][r], 0, h);
                    k += h;
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (bfloat16 != null) {
            bfloat16.close();
        }
        manager.close();
    }
}
