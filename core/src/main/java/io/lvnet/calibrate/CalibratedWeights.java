package io.lvnet.calibrate;

import io.lvnet.provenance.ModelCard;
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
        ModelCard card;
        try {
            card = ModelCard.fromMetadata(meta);
        } catch (IllegalArgumentException e) {
            card = null; // a malformed card is replaced rather than carried over
        }
        meta.put(ModelCard.METADATA_KEY, (card == null ? ModelCard.unknownOrigin() : card)
                .withCalibration(summary(calibration)).toJson());
        WeightsFile.save(target, weights.config(), weights.stateDict(), meta);
    }

    /** What the model card says of a calibration: method, data, faces and how well it fits there. */
    static Map<String, Object> summary(Calibration c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", c.method());
        m.put("data", c.fit().data());
        m.put("split", c.fit().split());
        m.put("faces", c.fit().faces());
        m.put("fakes", c.fit().fakes());
        m.put("ece_before", c.fit().eceBefore());
        m.put("ece_after", c.fit().eceAfter());
        m.put("brier_before", c.fit().brierBefore());
        m.put("brier_after", c.fit().brierAfter());
        Map<String, Object> points = new LinkedHashMap<>();
        for (OperatingPoint p : OperatingPoint.values()) {
            OperatingPoints.Point point = c.operatingPoints().get(p);
            points.put(p.label(), Map.of("threshold", point.threshold(), "fpr", point.falsePositiveRate(),
                    "tpr", point.truePositiveRate()));
        }
        m.put("operating_points", points);
        return m;
    }

    /** The default name of the calibrated copy: {@code best.safetensors} becomes {@code best.calibrated.safetensors}. */
    public static Path defaultTarget(Path source) {
        String name = source.getFileName().toString();
        String stem = name.replaceFirst("\\.(safetensors|pth\\.tar|pth|pt|tar)$", "");
        return source.resolveSibling(stem + ".calibrated.safetensors");
    }
}
