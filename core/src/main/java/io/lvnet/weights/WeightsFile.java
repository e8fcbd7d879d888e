package io.lvnet.weights;

import io.lvnet.model.Ablation;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weights on disk, in either of the two forms lvnet reads: our own safetensors file (reference
 * names, model configuration in its metadata) or a PyTorch checkpoint as the reference trainer
 * writes it. The format is recognised from the file's first bytes, not its name.
 *
 * @param config the model configuration the weights belong to
 * @param stateDict every tensor, keyed by reference name
 * @param source what the file was, for messages
 * @param metadata the safetensors file's string metadata (empty for a PyTorch checkpoint)
 */
public record WeightsFile(LvNetConfig config, Map<String, TensorData> stateDict, String source,
        Map<String, String> metadata) {
    /** Metadata keys of our safetensors weights. */
    static final String FORMAT_KEY = "format";
    static final String FORMAT = "lvnet-weights/1";
    static final String VARIANT_KEY = "variant";
    static final String INPUT_SIZE_KEY = "input_size";
    static final String WIDTH_KEY = "width";
    static final String ABLATION_KEY = "ablation";

    /** Weights without metadata of their own beyond the configuration. */
    public WeightsFile(LvNetConfig config, Map<String, TensorData> stateDict, String source) {
        this(config, stateDict, source, Map.of());
    }

    public WeightsFile {
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** Writes {@code stateDict} as our weights file, atomically. */
    public static void save(Path file, LvNetConfig config, Map<String, TensorData> stateDict) throws IOException {
        save(file, config, stateDict, Map.of());
    }

    /**
     * Writes {@code stateDict} as our weights file, atomically, with more string metadata
     * beside the configuration (e.g. a calibration); the configuration's keys cannot be
     * overridden.
     */
    public static void save(Path file, LvNetConfig config, Map<String, TensorData> stateDict, Map<String, String> extra)
            throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(extra);
        meta.put(FORMAT_KEY, FORMAT);
        meta.put(VARIANT_KEY, config.variant().name().toLowerCase());
        meta.put(INPUT_SIZE_KEY, Integer.toString(config.inputSize()));
        meta.put(WIDTH_KEY, Double.toString(config.width()));
        meta.put(ABLATION_KEY, config.ablation().describe());
        Safetensors.write(file, stateDict, meta);
    }

    /**
     * Reads weights in either form. A PyTorch checkpoint carries no configuration: its variant
     * and width are inferred from tensor shapes, its input size is {@code inputSizeHint}.
     */
    public static WeightsFile read(Path file, int inputSizeHint) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such weights file");
        }
        if (looksLikeSafetensors(file)) {
            SafetensorsContent c = Safetensors.read(file);
            return new WeightsFile(configFromMetadata(file, c.metadata()), c.tensors(), "lvnet safetensors", c.metadata());
        }
        PyTorchCheckpoint ckpt = PyTorchCheckpoint.read(file);
        LvNetConfig config = inferConfig(file, ckpt.stateDict(), inputSizeHint);
        String what = "PyTorch checkpoint" + (ckpt.epoch().isPresent() ? " (epoch " + ckpt.epoch().getAsInt() + ")" : "");
        return new WeightsFile(config, ckpt.stateDict(), what);
    }

    private static boolean looksLikeSafetensors(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(9);
            // an 8-byte little-endian header length, then the JSON header
            return head.length == 9 && head[8] == '{';
        }
    }

    private static LvNetConfig configFromMetadata(Path file, Map<String, String> meta) throws WeightsFormatException {
        if (!FORMAT.equals(meta.get(FORMAT_KEY))) {
            throw new WeightsFormatException(file + ": safetensors file without lvnet metadata (format="
                    + meta.get(FORMAT_KEY) + "); convert it with 'lvnet convert'");
        }
        try {
            return new LvNetConfig(Variant.valueOf(meta.get(VARIANT_KEY).toUpperCase()),
                    Integer.parseInt(meta.get(INPUT_SIZE_KEY)), Double.parseDouble(meta.get(WIDTH_KEY)),
                    Ablation.parse(meta.getOrDefault(ABLATION_KEY, "none")));
        } catch (RuntimeException e) {
            throw new WeightsFormatException(file + ": bad model configuration in metadata " + meta);
        }
    }

    /** Variant from the projection head's presence, width from the first convolution (32 x width). */
    static LvNetConfig inferConfig(Path file, Map<String, TensorData> sd, int inputSize) throws WeightsFormatException {
        TensorData conv1 = sd.get("xception_rgb.model.conv1.weight");
        if (conv1 == null) {
            throw new WeightsFormatException(file + ": not an LVNet checkpoint (no xception_rgb.model.conv1.weight among "
                    + sd.size() + " entries)");
        }
        double width = conv1.shape()[0] / 32.0;
        Variant variant = sd.containsKey("pro_header.2.weight") ? Variant.SEMI_SUPERVISED : Variant.SUPERVISED;
        try {
            return new LvNetConfig(variant, inputSize, width);
        } catch (IllegalArgumentException e) {
            throw new WeightsFormatException(file + ": " + e.getMessage());
        }
    }
}
