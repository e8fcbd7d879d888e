package io.lvnet.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lvnet.provenance.ModelCard;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvnet info}: what lvnet runs on. */
@Command(name = "info", header = "Show engine, version, device, threads and offline mode; with --weights, the weights' card.",
        mixinStandardHelpOptions = true,
        description = {"Show the engine, its version, the device, thread counts and whether DJL runs offline.",
            "With --weights: the file's SHA-256, its network, its calibration (or that it has none) and its model card",
            "(training data, recipe, metrics, calibration, intended use, licence), as 'lvnet train' and 'lvnet calibrate' wrote it."})
public final class InfoCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = {"-w", "--weights"}, paramLabel = "FILE", description = "Also describe these weights.")
    Path weights;

    @Option(names = "--input-size", paramLabel = "PX", defaultValue = "299",
            description = "Input size of a PyTorch checkpoint, which does not record it (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Override
    public Integer call() throws Exception {
        Engine engine = Engine.getInstance();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("lvnet", LvnetCommand.version());
        info.put("engine", engine.getEngineName());
        info.put("engine_version", engine.getVersion());
        info.put("djl_version", Engine.getDjlVersion());
        info.put("device", engine.defaultDevice().toString());
        info.put("gpus", engine.getGpuCount());
        info.put("intra_op_threads", JniUtils.getNumThreads());
        info.put("inter_op_threads", JniUtils.getNumInteropThreads());
        info.put("offline", Boolean.parseBoolean(System.getProperty("ai.djl.offline", "false")));
        info.put("java", System.getProperty("java.version"));
        info.put("cpus", Runtime.getRuntime().availableProcessors());
        io.lvnet.platform.CpuFeatures cpu = io.lvnet.platform.CpuFeatures.here();
        info.put("cpu", cpu.model());
        info.put("cpu_extensions", cpu.extensions());
        info.put("bf16_native", cpu.bfloat16Native());
        info.put("precision_auto", io.lvnet.detect.Precision.AUTO.on(cpu).label());
        info.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        Map<String, Object> card = weights == null ? null : WeightsCard.describe(weights, inputSize);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (json) {
            if (card != null) {
                info.put("weights", card);
            }
            System.out.println(mapper.writeValueAsString(info));
        } else {
            info.forEach((k, v) -> System.out.printf("%-17s %s%n", k.replace('_', ' '), v));
            if (card != null) {
                System.out.println();
                for (Map.Entry<String, Object> e : card.entrySet()) {
                    Object v = e.getValue();
                    System.out.printf("%-17s %s%n", e.getKey().replace('_', ' '),
                            v instanceof Map || v instanceof ModelCard ? indent(mapper, v) : v);
                }
            }
        }
        return 0;
    }

    private static String indent(ObjectMapper mapper, Object v) throws com.fasterxml.jackson.core.JsonProcessingException {
        return mapper.writeValueAsString(v).replace("\n", "\n" + " ".repeat(18));
    }
}
