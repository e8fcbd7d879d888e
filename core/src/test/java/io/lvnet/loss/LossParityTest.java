package io.lvnet.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.lvnet.testing.Goldens;
import org.junit.jupiter.api.Test;

class LossParityTest {

    @Test
    void masksPoolToPatchLabelsAsTheReferenceDoes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList g = Goldens.npz(m, "mask_pool.npz");
            NDArray pooled = PatchLabels.fromMasks(g.get("masks"), 19);
            assertArrayEquals(g.get("pooled").getShape().getShape(), pooled.getShape().getShape());
            assertArrayEquals(Goldens.floats(g.get("pooled")), pooled.toFloatArray());
        }
    }

    @Test
    void sspslMatchesLossAndPseudoLabels() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList g = Goldens.npz(m, "sspsl.npz");
            long[] labels = g.get("labels").toLongArray();
            PatchSimilarityLoss.Result r = PatchSimilarityLoss.compute(
                    g.get("psegs"), g.get("pfeas"), labels, g.get("regions"));
            assertArrayEquals(g.get("targets").toLongArray(), r.targets().toLongArray());
            assertEquals(g.get("loss").toFloatArray()[0], r.loss().getFloat(), 1e-5);
        }
    }

    @Test
    void sspslRefusesABatchWithoutBothClasses() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList g = Goldens.npz(m, "sspsl.npz");
            assertThrows(IllegalArgumentException.class, () -> PatchSimilarityLoss.compute(
                    g.get("psegs"), g.get("pfeas"), new long[] {1, 1, 1, 1}, g.get("regions")));
        }
    }

    @Test
    void crossEntropyMatchesAHandComputedValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {2f, 0f, 0f, 1f}, new ai.djl.ndarray.types.Shape(2, 2));
            NDArray labels = m.create(new long[] {0, 1});
            double expected = (Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(-1))) / 2;
            assertEquals(expected, CrossEntropy.of(logits, labels).getFloat(), 1e-6);
        }
    }

    @Test
    void mixupWeighsTheLossOfPermutedTargets() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {2f, 0f, 0f, 1f}, new ai.djl.ndarray.types.Shape(2, 2));
            NDArray labels = m.create(new long[] {0, 1});
            Mixup mix = new Mixup(0.25, new long[] {1, 0});
            float plain = CrossEntropy.of(logits, labels).getFloat();
            float swapped = CrossEntropy.of(logits, m.create(new long[] {1, 0})).getFloat();
            float mixed = mix.loss(t -> CrossEntropy.of(logits, t), labels).getFloat();
            assertEquals(0.25 * plain + 0.75 * swapped, mixed, 1e-6);
            NDArray images = m.create(new float[] {1f, 3f});
            assertArrayEquals(new float[] {2.5f, 1.5f}, mix.mix(images).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void mixupDrawsAPermutationAndLamInRange() {
        java.util.Random r = new java.util.Random(7);
        int active = 0;
        for (int i = 0; i < 200; i++) {
            Mixup mix = Mixup.draw(r, 5);
            assertEquals(10, java.util.Arrays.stream(mix.permutation()).sum());
            assertEquals(5, java.util.Arrays.stream(mix.permutation()).distinct().count());
            if (mix.active()) {
                active++;
            }
        }
        // half the batches are mixed
        org.junit.jupiter.api.Assertions.assertTrue(active > 70 && active < 130, "active " + active);
    }
}
