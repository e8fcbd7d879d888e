package io.lvnet.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDictsTest {
    @TempDir
    Path dir;

    /**
     * Safetensors hands out read-only memory-mapped bytes; a loaded parameter must not alias
     * them, or the first in-place update (an optimizer step) crashes the JVM.
     */
    @Test
    void parametersLoadedFromSafetensorsOwnTheirMemory() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet source = LvNet.create(LvNetConfig.compact(), m);
            Path file = dir.resolve("w.safetensors");
            Map<String, TensorData> exported = StateDicts.export(source);
            Safetensors.write(file, exported, Map.of());

            LvNet target = LvNet.create(LvNetConfig.compact(), m);
            StateDicts.LoadReport report = StateDicts.load(target, Safetensors.read(file).tensors(), true);
            assertTrue(report.complete());
            Map<String, TensorData> loaded = StateDicts.export(target);
            exported.forEach((name, t) -> assertTrue(t.bitEquals(loaded.get(name)), name));

            Parameter bias = target.namedParameters().get("classificationHead.fc.bias");
            float[] before = bias.getArray().toFloatArray();
            bias.getArray().subi(1f);
            float[] after = bias.getArray().toFloatArray();
            for (int i = 0; i < before.length; i++) {
                assertEquals(before[i] - 1f, after[i]);
            }
            Parameter counter = target.namedParameters().get("classificationHead.norm.num_batches_tracked");
            counter.getArray().addi(1);
            assertEquals(1L, counter.getArray().getLong());
            // the file still holds what was written
            assertArrayEquals(exported.get("cls_header.5.bias").toFloats(),
                    Safetensors.read(file).tensors().get("cls_header.5.bias").toFloats());
        }
    }
}
