package io.lvnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.lvnet.loss.CrossEntropy;
import io.lvnet.loss.PatchLabels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The compact configuration keeps every module, runs both ways, and sizes its maps from its input. */
class CompactConfigTest {

    @ParameterizedTest
    @CsvSource({"160, 0.25, 10, 5", "128, 0.25, 8, 4", "224, 0.125, 14, 7"})
    void buildsRunsForwardAndBackwardWithMapsOfTheImpliedSize(int size, double width, int grid, int fusion) {
        LvNetConfig config = new LvNetConfig(Variant.SEMI_SUPERVISED, size, width);
        assertEquals(grid, config.patchGrid());
        assertEquals(fusion, config.fusionGrid());
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet net = LvNet.create(config, m);
            // same module set as the reference, only thinner
            assertEquals(701, net.namedParameters().size());
            NDArray x = m.randomUniform(-1, 1, new Shape(2, 3, size, size));
            NDArray masks = m.randomUniform(0, 1, new Shape(2, 1, size, size)).gt(0.7f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                LvNetOutput out = net.forward(new ParameterStore(m, false), x, true);
                assertArrayEquals(new long[] {2, 2}, out.logits().getShape().getShape());
                assertArrayEquals(new long[] {2, 2, grid, grid}, out.segmentation().getShape().getShape());
                assertArrayEquals(new long[] {2, config.channels().projection(), grid, grid}, out.projection().getShape().getShape());
                NDArray loss = CrossEntropy.of(out.logits(), m.create(new long[] {0, 1}))
                        .add(CrossEntropy.patches(out.segmentation(), PatchLabels.fromMasks(masks, grid)));
                assertTrue(Float.isFinite(loss.getFloat()));
                gc.backward(loss);
            }
            Parameter first = net.namedParameters().get("rgbStream.conv1.weight");
            assertTrue(first.getArray().getGradient().abs().sum().getFloat() > 0, "gradient reaches the first conv");
        }
    }
}
