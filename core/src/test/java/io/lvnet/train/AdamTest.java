package io.lvnet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Adam} against PyTorch's update rule evaluated by hand in double precision. */
class AdamTest {
    private static final double TOL = 1e-6;
    /** A large decay, so that its effect shows in a few steps. */
    private static final AdamSettings SETTINGS = new AdamSettings(0.01, 0.9, 0.999, 1e-8, 0.5);

    private NDManager manager;
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final Map<String, double[]> expected = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        // zeros in the gradients below make decay visible: without it they would not move
        add("layer.weight", new Shape(2, 3), new double[] {0.5, -1.0, 1.5, 2.0, -0.25, 0.75}, true);
        add("layer.bias", new Shape(3), new double[] {0.1, -0.2, 0.3}, true);
        add("norm.weight", new Shape(3), new double[] {1.0, 0.9, 1.1}, true);
        add("unused.weight", new Shape(2, 2), new double[] {0.3, -0.4, 0.5, -0.6}, true);
        add("norm.running_mean", new Shape(3), new double[] {0.0, 0.1, 0.2}, false);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private void add(String name, Shape shape, double[] values, boolean trainable) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
            values[i] = f[i]; // the expectation starts from the float32 values
        }
        NDArray array = manager.create(f, shape);
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .optRequiresGrad(trainable).build();
        p.setArray(array);
        if (trainable) {
            array.setRequiresGradient(true);
        }
        params.put(name, p);
        expected.put(name, values.clone());
    }

    /** Gradients of step k: the loss is sum(p * c) for the used parameters, so grad = c. */
    private static double[] gradient(String name, int step) {
        return switch (name) {
            case "layer.weight" -> new double[] {0.2 * step, 0.0, -0.5, 1.0 / step, 0.0, 0.3 - 0.2 * step};
            case "layer.bias" -> new double[] {0.0, 1.0, -2.0 + step};
            case "norm.weight" -> new double[] {-0.5, 0.0, 0.25 * step};
            default -> throw new IllegalArgumentException(name);
        };
    }

    private void backward(int step) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (String name : new String[] {"layer.weight", "layer.bias", "norm.weight"}) {
                Parameter p = params.get(name);
                double[] c = gradient(name, step);
                float[] cf = new float[c.length];
                for (int i = 0; i < c.length; i++) {
                    cf[i] = (float) c[i];
                }
                NDArray term = p.getArray().mul(manager.create(cf, p.getArray().getShape())).sum();
                loss = loss == null ? term : loss.add(term);
            }
            gc.backward(loss);
        }
    }

    /** The reference update of one parameter, in double precision. */
    private static void referenceStep(double[] p, double[] m, double[] v, double[] grad, boolean decay,
            AdamSettings s, int t) {
        double bc1 = 1 - Math.pow(s.beta1(), t);
        double bc2 = 1 - Math.pow(s.beta2(), t);
        for (int i = 0; i < p.length; i++) {
            double g = grad[i] + (decay ? s.weightDecay() * p[i] : 0);
            m[i] = s.beta1() * m[i] + (1 - s.beta1()) * g;
            v[i] = s.beta2() * v[i] + (1 - s.beta2()) * g * g;
            double denom = Math.sqrt(v[i]) / Math.sqrt(bc2) + s.eps();
            p[i] -= s.learningRate() / bc1 * m[i] / denom;
        }
    }

    private static void assertClose(String what, double[] want, float[] got) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], TOL, what + "[" + i + "]");
        }
    }

    @Test
    void decayRule() {
        assertTrue(Adam.decays("layer.weight", new Shape(2, 3)));
        assertTrue(Adam.decays("conv.weight", new Shape(4, 1, 3, 3)));
        assertFalse(Adam.decays("layer.bias", new Shape(3)));
        assertFalse(Adam.decays("bn.weight", new Shape(3)));
        assertFalse(Adam.decays("lfe0.gamma", new Shape(1)));
        assertFalse(Adam.decays("odd.bias", new Shape(3, 3)), "a bias is never decayed");
    }

    @Test
    void oneStepMatchesTheFormula() {
        float[] unusedBefore = params.get("unused.weight").getArray().toFloatArray();
        try (Adam adam = new Adam(params, SETTINGS)) {
            backward(1);
            assertEquals(3, adam.step(), "the unused parameter and the buffer do not step");
            for (String name : new String[] {"layer.weight", "layer.bias", "norm.weight"}) {
                double[] p = expected.get(name);
                double[] m = new double[p.length];
                double[] v = new double[p.length];
                referenceStep(p, m, v, gradient(name, 1), name.equals("layer.weight"), SETTINGS, 1);
                assertClose(name, p, params.get(name).getArray().toFloatArray());
                Adam.ParameterState st = adam.state().get(name);
                assertEquals(1, st.steps());
                assertClose(name + " exp_avg", m, st.expAvg().toFloats());
                assertClose(name + " exp_avg_sq", v, st.expAvgSq().toFloats());
            }
            // decay moved the 2-D weight where its gradient is zero; nothing moved the others there
            assertTrue(Math.abs(params.get("layer.weight").getArray().toFloatArray()[1] - (-1.0f)) > 0.005);
            assertEquals(0.1f, params.get("layer.bias").getArray().toFloatArray()[0]);
            assertEquals(0.9f, params.get("norm.weight").getArray().toFloatArray()[1]);

            assertArrayEquals(unusedBefore, params.get("unused.weight").getArray().toFloatArray());
            assertFalse(adam.state().containsKey("unused.weight"));
            assertFalse(adam.state().containsKey("norm.running_mean"));
        }
    }

    @Test
    void severalStepsMatchTheFormula() {
        float[] unusedBefore = params.get("unused.weight").getArray().toFloatArray();
        float[] bufferBefore = params.get("norm.running_mean").getArray().toFloatArray();
        Map<String, double[][]> moments = new LinkedHashMap<>();
        try (Adam adam = new Adam(params, SETTINGS)) {
            for (int t = 1; t <= 4; t++) {
                if (t == 3) {
                    adam.setLearningRate(SETTINGS.learningRate() / 2);
                }
                AdamSettings now = SETTINGS.withLearningRate(adam.learningRate());
                // without zeroing, DJL's collector would add this step's gradient to the last one
                adam.zeroGradients();
                backward(t);
                adam.step();
                for (String name : new String[] {"layer.weight", "layer.bias", "norm.weight"}) {
                    double[] p = expected.get(name);
                    double[][] mv = moments.computeIfAbsent(name, k -> new double[][] {new double[p.length], new double[p.length]});
                    referenceStep(p, mv[0], mv[1], gradient(name, t), name.equals("layer.weight"), now, t);
                    assertClose(name + " after step " + t, p, params.get(name).getArray().toFloatArray());
                    assertEquals(t, adam.state().get(name).steps());
                }
            }
            moments.forEach((name, mv) -> {
                assertClose(name + " exp_avg", mv[0], adam.state().get(name).expAvg().toFloats());
                assertClose(name + " exp_avg_sq", mv[1], adam.state().get(name).expAvgSq().toFloats());
            });
        }
        assertArrayEquals(unusedBefore, params.get("unused.weight").getArray().toFloatArray());
        assertArrayEquals(bufferBefore, params.get("norm.running_mean").getArray().toFloatArray());
    }

    @Test
    void zeroGradientsZeroesInPlace() {
        try (Adam adam = new Adam(params, SETTINGS)) {
            backward(1);
            backward(1);
            assertEquals(2 * 0.2f, params.get("layer.weight").getArray().getGradient().toFloatArray()[0], 1e-7,
                    "DJL's collector accumulates");
            adam.zeroGradients();
            for (float g : params.get("layer.weight").getArray().getGradient().toFloatArray()) {
                assertEquals(0f, g);
            }
            // a zeroed gradient is still defined: the parameter keeps stepping, as in PyTorch 1.13
            assertEquals(3, adam.step());
        }
    }

    @Test
    void restoredStateContinuesIdentically() {
        Map<String, Adam.ParameterState> saved;
        float[] after;
        try (Adam adam = new Adam(params, SETTINGS)) {
            backward(1);
            adam.step();
            saved = adam.state();
            try (Adam twin = new Adam(params, SETTINGS)) {
                twin.restore(saved);
                assertEquals(saved.keySet(), twin.state().keySet());
                saved.forEach((name, st) -> {
                    assertTrue(st.expAvg().bitEquals(twin.state().get(name).expAvg()));
                    assertTrue(st.expAvgSq().bitEquals(twin.state().get(name).expAvgSq()));
                });
            }
            assertThrows(IllegalArgumentException.class,
                    () -> adam.restore(Map.of("nope", saved.get("layer.bias"))));
            assertThrows(IllegalArgumentException.class,
                    () -> adam.restore(Map.of("layer.weight", saved.get("layer.bias"))));
            assertEquals(1, adam.state().get("layer.weight").steps(), "a refused restore changes nothing");
        }
    }
}
