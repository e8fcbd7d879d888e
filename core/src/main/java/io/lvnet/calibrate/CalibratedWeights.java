package io.lvnet.calibrate;

import io.lvnet.weights.WeightsFile;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a copy of a weights file that carries a calibration: the same tensors, configuration
 * and other metadata, plus the calibration's JSON (replacing an earlier calibration). The copy
 * is written atomically; the original is never written.
 */
public final class CalibratedWeights {
    private CalibratedWeights() {
    }

    /**
     * @param source our safetensors weights or a PyTorch checkpoint
     * @param inputSizeHint the input size of a PyTorch checkpoint, which does not record it
     * @param target the new file; not the source
     * @throws FileAlreadyExistsException when {@code target} is {@code source} (or a link to it)
     */
    public static void write(Path source, int inputSizeHint, Path target, Calibration calibration) throws IOException {
        if (Files.exists(target) && Files.isSameFile(source, target)) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "is the weights file being calibrated; the calibrated weights go to a new file");
        }
        WeightsFile weights = WeightsFile.read(source, inputSizeHint);
        Map<String, String> meta = new LinkedHashMap<>(weights.metadata());
        meta.put(Calibration.METADATA_KEY, calibration.toJson());
        WeightsFile.save(target, weights.config(), weights.stateDict(), meta);
    }

    /** The default name of the calibrated copy: {@code best.safetensors} becomes {@code best.calibrated.safetensors}. */
    public static Path defaultTarget(Path source) {
        String name = source.getFileName().toString();
        String stem = name.replaceFirst("\\.(safetensors|pth\\.tar|pth|pt|tar)$", "");
        return source.resolveSibling(stem + ".calibrated.safetensors");
    }
}
