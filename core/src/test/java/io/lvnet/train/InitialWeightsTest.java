package io.lvnet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.TensorData;
import io.lvnet.weights.WeightsFile;
import io.lvnet.weights.WeightsFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train.init_weights}: a whole LVNet's weights as a run's starting point. */
class InitialWeightsTest {
    private static final LvNetConfig SUPERVISED = new LvNetConfig(Variant.SUPERVISED, 64, 0.25);

    @TempDir
    Path dir;

    @Test
    void semiSupervisedRunStartsFromSupervisedWeightsAndKeepsItsOwnProjectionHead() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Path file = dir.resolve("supervised.safetensors");
            LvNet source = LvNet.create(SUPERVISED, m);
            Map<String, TensorData> saved = StateDicts.export(source);
            WeightsFile.save(file, SUPERVISED, saved);

            LvNet semi = LvNet.create(SUPERVISED.withVariant(Variant.SEMI_SUPERVISED), m);
            Map<String, TensorData> before = StateDicts.export(semi);
            String summary = InitialWeights.loadInto(semi, file);
            assertTrue(summary.contains("missing: pro_header."), summary);

            Map<String, TensorData> after = StateDicts.export(semi);
            int compared = 0;
            for (Map.Entry<String, TensorData> e : after.entrySet()) {
                TensorData expected = e.getKey().startsWith("pro_header.") ? before.get(e.getKey()) : saved.get(e.getKey());
                assertArrayEquals(bytes(expected), bytes(e.getValue()), e.getKey());
                compared++;
            }
            assertTrue(compared > 600, "every entry compared: " + compared);

            // and back: a semi-supervised file starts a supervised run, its projection head unused
            Path semiFile = dir.resolve("semi.safetensors");
            WeightsFile.save(semiFile, semi.config(), after);
            LvNet supervised = LvNet.create(SUPERVISED, m);
            assertTrue(InitialWeights.loadInto(supervised, semiFile).contains("unexpected: pro_header."));
        }
    }

    @Test
    void weightsOfAnotherShapeOrNoWeightsAtAllAreRefused() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            LvNetConfig wider = new LvNetConfig(Variant.SUPERVISED, 64, 0.5);
            Path file = dir.resolve("wide.safetensors");
            WeightsFile.save(file, wider, StateDicts.export(LvNet.create(wider, m)));
            LvNet net = LvNet.create(SUPERVISED, m);
            WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> InitialWeights.loadInto(net, file));
            assertTrue(e.getMessage().contains("train.init_weights does not fit this model") && e.getMessage().contains("wrong shape"),
                    e.getMessage());

            Path junk = Files.writeString(dir.resolve("junk.safetensors"), "not weights at all");
            assertThrows(java.io.IOException.class, () -> InitialWeights.loadInto(net, junk));
        }
    }

    private static byte[] bytes(TensorData t) {
        java.nio.ByteBuffer b = t.data().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
