package io.lvnet.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the processor offers the network's arithmetic: its model name, its core count and which
 * of the vector and matrix extensions that oneDNN uses it has (AVX2, AVX-512, AVX512-BF16 and
 * AMX), so that a benchmark says what it ran on and bfloat16 can be chosen where it pays.
 *
 * @param model the processor's model name, or "unknown"
 * @param cores the cores this JVM may use
 * @param extensions the extensions present, in the order of {@link #KNOWN}
 */
public record CpuFeatures(String model, int cores, List<String> extensions) {
    /** The extensions looked for, as Linux names them in {@code /proc/cpuinfo}. */
    public static final List<String> KNOWN = List.of("avx2", "avx512f", "avx512_bf16", "amx_bf16", "amx_tile");
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** This machine's, read from {@code /proc/cpuinfo}; model "unknown" and no extensions where it cannot be read. */
    public static CpuFeatures here() {
        String text;
        try {
            text = Files.readString(CPUINFO);
        } catch (IOException | SecurityException e) {
            text = ""; // not Linux: nothing known beyond the core count
        }
        return parse(text, Runtime.getRuntime().availableProcessors());
    }

    /** The first processor's entry of a {@code /proc/cpuinfo} text. */
    static CpuFeatures parse(String cpuinfo, int cores) {
        String model = "unknown";
        Set<String> flags = Set.of();
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                if (line.isBlank() && !flags.isEmpty()) {
                    break; // the first processor's entry is enough
                }
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("model name") && model.equals("unknown")) {
                model = value;
            } else if (key.equals("flags") && flags.isEmpty()) {
                flags = Set.of(value.split("\\s+"));
            }
        }
        List<String> present = new ArrayList<>();
        for (String k : KNOWN) {
            if (flags.contains(k)) {
                present.add(k);
            }
        }
        return new CpuFeatures(model, cores, List.copyOf(present));
    }

    /** Whether oneDNN can run bfloat16 convolutions natively here (AVX512-BF16 or AMX). */
    public boolean bfloat16Native() {
        return extensions.contains("avx512_bf16") || extensions.contains("amx_bf16");
    }

    /** One line: {@code AMD EPYC, 2 cores, avx2 avx512f avx512_bf16}. */
    public String summary() {
        return model + ", " + cores + (cores == 1 ? " core" : " cores")
                + (extensions.isEmpty() ? "" : ", " + String.join(" ", extensions));
    }
}
