package io.lvnet.cli;

import io.lvnet.calibrate.Calibration;
import io.lvnet.model.LvNetConfig;
import io.lvnet.provenance.ModelCard;
import io.lvnet.provenance.Sha256;
import io.lvnet.weights.WeightsFile;
import io.lvnet.weights.WeightsFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code lvnet info --weights} says of a weights file: identity, network, calibration and model card. */
final class WeightsCard {
    private WeightsCard() {
    }

    /**
     * Reads the file through the strict loader (so a hostile file is refused as everywhere else)
     * and describes it; the tensors are not put on a device.
     */
    static Map<String, Object> describe(Path file, int inputSizeHint) throws IOException {
        WeightsFile w = WeightsFile.read(file, inputSizeHint);
        Calibration calibration;
        ModelCard card;
        try {
            calibration = Calibration.fromMetadata(w.metadata());
            card = ModelCard.fromMetadata(w.metadata());
        } catch (IllegalArgumentException e) {
            throw new WeightsFormatException(file + ": bad metadata: " + e.getMessage());
        }
        LvNetConfig c = w.config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("sha256", Sha256.of(file));
        m.put("format", w.source());
        m.put("variant", c.variant().name().toLowerCase(java.util.Locale.ROOT));
        m.put("input_size", c.inputSize());
        m.put("width", c.width());
        m.put("ablation", c.ablation().describe());
        m.put("calibration", calibration == null
                ? "none: fake_probability is the network's softmax (run 'lvnet calibrate' for calibrated probabilities)"
                : calibration.method() + ", fitted on " + calibration.fit().faces() + " faces of split '"
                        + calibration.fit().split() + "' of " + calibration.fit().data());
        m.put("model_card", card == null ? "none: these weights carry no model card (a converted checkpoint, or written "
                + "before lvnet 0.1 recorded one)" : card);
        return m;
    }
}
