package io.lvnet.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvnet info}: what lvnet runs on. */
@Command(name = "info", header = "Show engine, version, device, threads and offline mode.", mixinStandardHelpOptions = true,
        description = "Show the engine, its version, the device, thread counts and whether DJL runs offline.")
public final class InfoCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

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
        info.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(info));
        } else {
            info.forEach((k, v) -> System.out.printf("%-17s %s%n", k.replace('_', ' '), v));
        }
        return 0;
    }
}
