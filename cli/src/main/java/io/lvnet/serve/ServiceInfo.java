package io.lvnet.serve;

import ai.djl.engine.Engine;
import io.lvnet.detect.LvNetModel;
import io.lvnet.provenance.Provenance;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code GET /v1/info} reports: the model, the configuration and the limits. */
public final class ServiceInfo {
    private ServiceInfo() {
    }

    /**
     * The model's description: the weights file's name (not its path), variant, input size,
     * width, ablation, parameter count, engine and device.
     */
    public static Map<String, Object> model(Path weights, LvNetModel model) {
        return modelOf(weights == null ? null : new Provenance.Weights(weights.getFileName().toString(), null), model);
    }

    /**
     * The model's description, as {@link #model(Path, LvNetModel)}, with the weights' SHA-256, their
     * calibration (or "none") and their model card (or null for weights without one).
     */
    public static Map<String, Object> modelOf(Provenance.Weights weights, LvNetModel model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weights", weights == null ? "random" : weights.file());
        if (weights != null && weights.sha256() != null) {
            m.put("sha256", weights.sha256());
        }
        m.put("calibration", model.calibration() == null ? "none" : model.calibration().method());
        m.put("model_card", model.modelCard());
        m.put("variant", model.config().variant().name().toLowerCase(java.util.Locale.ROOT));
        m.put("input_size", model.config().inputSize());
        m.put("width", model.config().width());
        m.put("ablation", model.config().ablation().describe());
        m.put("patch_grid", model.config().patchGrid());
        m.put("parameters", model.parameterCount());
        m.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        m.put("device", model.device().toString());
        m.put("precision", model.precision().label());
        return m;
    }

    static Map<String, Object> config(ServeConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workers", c.workers());
        m.put("queue_capacity", c.queueCapacity());
        m.put("max_uploads", c.maxUploads());
        m.put("batch", c.batch());
        m.put("max_connections", c.maxConnections());
        m.put("allow_origins", c.allowOrigins());
        m.put("threads_per_call", EngineThreads.current());
        return m;
    }

    static Map<String, Object> limits(ServeLimits l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_upload_bytes", l.maxUploadBytes());
        m.put("max_video_seconds", l.maxVideoSeconds());
        m.put("max_pixels", l.maxPixels());
        m.put("max_frames", l.maxFrames());
        m.put("timeout_s", l.requestTimeout().toMillis() / 1000.0);
        m.put("header_timeout_s", l.headerTimeout().toMillis() / 1000.0);
        m.put("idle_timeout_s", l.idleTimeout().toMillis() / 1000.0);
        m.put("max_decoded_frames", l.decodeLimits().maxFrames());
        return m;
    }
}
