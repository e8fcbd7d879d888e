package io.lvnet.model;

import io.lvnet.detect.Predictions;

import io.lvnet.detect.LvNetModel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One loaded model serves several threads at once (the service shares it between its
 * workers): each {@code predict} works in its own NDManager and DJL's scopes are per thread,
 * so concurrent calls give what the same calls give one after another.
 */
class SharedModelTest {
    @Test
    void concurrentPredictionsEqualSequentialOnes() throws Exception {
        int threads = 3;
        int rounds = 2;
        try (LvNetModel model = LvNetModel.create(LvNetConfig.compact())) {
            int s = model.config().inputSize();
            List<float[]> inputs = new ArrayList<>();
            List<Predictions> expected = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                float[] x = new float[2 * 3 * s * s];
                Random r = new Random(t);
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextFloat() * 2 - 1;
                }
                inputs.add(x);
                expected.add(model.predict(x, 2));
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<Predictions>>> got = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    float[] x = inputs.get(t);
                    got.add(pool.submit(() -> {
                        start.await(); // all threads inside predict at the same time
                        List<Predictions> out = new ArrayList<>();
                        for (int k = 0; k < rounds; k++) {
                            out.add(model.predict(x, 2));
                        }
                        return out;
                    }));
                }
                start.countDown();
                for (int t = 0; t < threads; t++) {
                    for (Predictions p : got.get(t).get()) {
                        Predictions want = expected.get(t);
                        assertArrayEquals(want.fakeProbability(), p.fakeProbability(), 1e-5f);
                        for (int i = 0; i < 2; i++) {
                            assertArrayEquals(want.logits()[i], p.logits()[i], 1e-4f);
                            for (int r = 0; r < want.patchMap()[i].length; r++) {
                                assertArrayEquals(want.patchMap()[i][r], p.patchMap()[i][r], 1e-5f);
                            }
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(threads, expected.size());
        }
    }
}
