package io.lvnet.weights;

import io.lvnet.model.ReferenceNames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.testing.FormulaWeights;
import io.lvnet.testing.Goldens;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImageNet initialisation from a synthetic {@code xception-b5690688.pth}: names and shapes
 * as the real file has them (one stream's state dict without counters or the two-class
 * classifier, pointwise weights out x in, the 1000-class {@code fc}), legacy format.
 */
class ImageNetXceptionTest {
    private static final String RGB = "xception_rgb.model.";
    private static final String SRM = "xception_srm.model.";

    @TempDir
    static Path dir;

    private static NDManager manager;
    private static LvNet net;
    private static Map<String, TensorData> imagenet;
    private static Path file;

    @BeforeAll
    static void setUp() throws Exception {
        manager = NDManager.newBaseManager();
        net = LvNet.create(LvNetConfig.REFERENCE, manager);
        imagenet = syntheticImageNetXception();
        file = PickleBuilder.writeLegacyStateDict(dir.resolve("xception-b5690688.pth"), imagenet);
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    /** The real file's entries, derived from one stream of the reference state dict. */
    private static Map<String, TensorData> syntheticImageNetXception() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Goldens.KeyEntry k : Goldens.keys("lvnet_state_dict_keys.txt")) {
            if (!k.name().startsWith(RGB) || k.name().contains("last_linear") || k.name().endsWith("num_batches_tracked")) {
                continue;
            }
            String name = k.name().substring(RGB.length());
            long[] shape = k.shape();
            if (name.endsWith(".pointwise.weight")) {
                shape = new long[] {shape[0], shape[1]};
            }
            out.put(name, TensorData.ofFloats(shape, FormulaWeights.values(name, shape)));
        }
        out.put("fc.weight", TensorData.ofFloats(new long[] {1000, 2048}, FormulaWeights.values("fc.weight", new long[] {1000, 2048})));
        out.put("fc.bias", TensorData.ofFloats(new long[] {1000}, FormulaWeights.values("fc.bias", new long[] {1000})));
        return out;
    }

    private static Map<String, Parameter> params() {
        return ReferenceNames.byReferenceName(net.namedParameters());
    }

    @Test
    void loadsBothStreamsFromALegacyFile() throws Exception {
        float[] headBefore = params().get("cls_header.5.weight").getArray().toFloatArray();
        float[] classifierBefore = params().get(RGB + "last_linear.1.weight").getArray().toFloatArray();

        ImageNetXception.Report report = ImageNetXception.loadInto(net, file);

        int perStream = imagenet.size() - 2;
        assertEquals(2 * perStream, report.tensorsSet(), report.summary());
        assertEquals(List.of("fc.weight", "fc.bias"), report.dropped());
        long counters = params().keySet().stream()
                .filter(n -> (n.startsWith(RGB) || n.startsWith(SRM)) && n.endsWith("num_batches_tracked")).count();
        assertEquals(counters, report.countersLeft().size());

        for (String name : List.of("conv1.weight", "bn1.running_var", "block1.skip.weight",
                "block1.rep.0.conv1.weight", "block1.rep.0.pointwise.weight", "block7.rep.5.bias",
                "conv3.pointwise.weight", "bn4.weight")) {
            TensorData want = imagenet.get(name);
            for (String stream : List.of(RGB, SRM)) {
                Parameter p = params().get(stream + name);
                long[] shape = p.getArray().getShape().getShape();
                if (name.endsWith("pointwise.weight")) {
                    long[] flat = want.shape();
                    assertArrayEquals(new long[] {flat[0], flat[1], 1, 1}, shape, stream + name);
                } else {
                    assertArrayEquals(want.shape(), shape, stream + name);
                }
                assertArrayEquals(want.toFloats(), p.getArray().toFloatArray(), stream + name);
            }
        }
        assertArrayEquals(new long[] {2048, 1536, 1, 1},
                params().get(SRM + "conv4.pointwise.weight").getArray().getShape().getShape());
        // what does not come from ImageNet is untouched
        assertArrayEquals(headBefore, params().get("cls_header.5.weight").getArray().toFloatArray());
        assertArrayEquals(classifierBefore, params().get(RGB + "last_linear.1.weight").getArray().toFloatArray());
    }

    @Test
    void aFileMissingAnEntryIsRefusedByName() throws Exception {
        Map<String, TensorData> partial = new LinkedHashMap<>(imagenet);
        partial.remove("block7.rep.4.pointwise.weight");
        Path incomplete = PickleBuilder.writeLegacyStateDict(dir.resolve("incomplete.pth"), partial);
        float[] before = params().get(RGB + "conv1.weight").getArray().toFloatArray();

        WeightsFormatException e = assertThrows(WeightsFormatException.class,
                () -> ImageNetXception.loadInto(net, incomplete));
        assertTrue(e.getMessage().contains("1 missing: block7.rep.4.pointwise.weight"), e.getMessage());
        assertTrue(e.getMessage().contains("incomplete.pth"), e.getMessage());
        assertArrayEquals(before, params().get(RGB + "conv1.weight").getArray().toFloatArray(),
                "a refused file changes nothing");
    }

    @Test
    void misshapenAndUnknownEntriesAreRefusedByName() {
        Map<String, TensorData> odd = new LinkedHashMap<>(imagenet);
        odd.put("conv1.weight", TensorData.ofFloats(new long[] {32, 3, 3}, new float[32 * 3 * 3]));
        odd.put("block13.skip.weight", TensorData.ofFloats(new long[] {1}, new float[1]));
        WeightsFormatException e = assertThrows(WeightsFormatException.class,
                () -> ImageNetXception.loadInto(net, odd, "odd.pth"));
        assertTrue(e.getMessage().contains("wrong shape or type: conv1.weight"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected: block13.skip.weight"), e.getMessage());
    }

    @Test
    void onlyFullWidthNetworksAreAccepted() {
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet compact = LvNet.create(LvNetConfig.compact(), m);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ImageNetXception.loadInto(compact, file));
            assertTrue(e.getMessage().contains("width 1.0"), e.getMessage());
        }
    }
}
