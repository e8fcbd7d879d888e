package io.lvnet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.lvnet.weights.TensorData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link WeightAverage} against the moving average computed by hand in double precision. */
class WeightAverageTest {
    private NDManager manager;
    private final Map<String, Parameter> params = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        add("conv.weight", new float[] {1, -2, 3, 0.5f}, true);
        add("bn.running_var", new float[] {1, 1}, false);
        Parameter counter = Parameter.builder().setName("bn.num_batches_tracked").setType(Parameter.Type.OTHER)
                .optRequiresGrad(false).build();
        counter.setArray(manager.create(new long[] {7}));
        params.put("bn.num_batches_tracked", counter);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private void add(String name, float[] values, boolean trainable) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.OTHER).optRequiresGrad(trainable).build();
        p.setArray(manager.create(values, new Shape(values.length)));
        params.put(name, p);
    }

    private float[] values(String name) {
        return params.get(name).getArray().toFloatArray();
    }

    private void set(String name, float... values) {
        params.get(name).getArray().set(values);
    }

    @Test
    void followsTheWarmedUpMovingAverage() {
        double[] expected = {1, -2, 3, 0.5};
        try (WeightAverage average = new WeightAverage(params, 0.6)) {
            for (int n = 0; n < 5; n++) {
                float[] w = {n, 2 * n, -n, 0.25f * n};
                set("conv.weight", w);
                average.update();
                // (1 + n) / (10 + n) holds the first updates back less than the decay would
                double d = Math.min(0.6, (1.0 + n) / (10.0 + n));
                for (int i = 0; i < w.length; i++) {
                    expected[i] = d * expected[i] + (1 - d) * w[i];
                }
            }
            assertEquals(5, average.updates());
            float[] got = average.export().get("conv.weight").toFloats();
            for (int i = 0; i < got.length; i++) {
                assertEquals(expected[i], got[i], 1e-5, "element " + i);
            }
            assertEquals(1.0, average.export().get("bn.running_var").toFloats()[0], 1e-6);
            assertEquals(false, average.export().containsKey("bn.num_batches_tracked"), "counters are not averaged");
        }
    }

    @Test
    void swapExchangesAndSwapsBack() {
        try (WeightAverage average = new WeightAverage(params, 0.9)) {
            set("conv.weight", 5, 5, 5, 5);
            average.update(); // d = 0.1: 0.1 * start + 0.9 * 5
            float[] trained = values("conv.weight");
            float[] averaged = average.export().get("conv.weight").toFloats();
            average.swap();
            assertArrayEquals(averaged, values("conv.weight"));
            assertArrayEquals(trained, average.export().get("conv.weight").toFloats());
            average.swap();
            assertArrayEquals(trained, values("conv.weight"));
            assertArrayEquals(averaged, average.export().get("conv.weight").toFloats());
        }
    }

    @Test
    void resumedFromACheckpointContinuesExactly() {
        float[] checkpoint;
        Map<String, TensorData> network;
        float[] straight;
        try (WeightAverage a = new WeightAverage(params, 0.95)) {
            for (int n = 0; n < 3; n++) {
                set("conv.weight", n, -n, n, 2 * n);
                a.update();
            }
            checkpoint = a.export().get("conv.weight").toFloats(); // the epoch's weights file holds the average
            network = a.networkWeights();
            set("conv.weight", 9, 8, 7, 6);
            a.update();
            straight = a.export().get("conv.weight").toFloats();
        }
        set("conv.weight", checkpoint); // a resume loads the epoch's weights first
        try (WeightAverage b = new WeightAverage(params, 0.95)) {
            b.resume(network, 3);
            assertArrayEquals(network.get("conv.weight").toFloats(), values("conv.weight"));
            set("conv.weight", 9, 8, 7, 6);
            b.update();
            assertArrayEquals(straight, b.export().get("conv.weight").toFloats());
            assertEquals(4, b.updates());
        }
    }

    @Test
    void refusesAnAverageOfOtherParameters() {
        try (WeightAverage a = new WeightAverage(params, 0.9)) {
            Map<String, TensorData> wrong = new LinkedHashMap<>(a.networkWeights());
            wrong.remove("bn.running_var");
            assertThrows(IllegalArgumentException.class, () -> a.resume(wrong, 1));
            Map<String, TensorData> shape = new LinkedHashMap<>(a.networkWeights());
            shape.put("conv.weight", TensorData.ofFloats(new long[] {2, 2}, new float[4]));
            assertThrows(IllegalArgumentException.class, () -> a.resume(shape, 1));
            assertArrayEquals(new float[] {1, -2, 3, 0.5f}, values("conv.weight"), "a refused resume changes nothing");
        }
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(params, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(params, 0.0));
    }
}
