package io.lvnet.augment;

import static io.lvnet.augment.TestImages.assertRate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompositionTest {
    private final Sample sample = TestImages.uniform(2, 2, 1, 2, 3);

    @Test
    void sometimesAppliesWithTheGivenProbability() {
        for (double p : new double[] {0.05, 0.1, 0.3, 0.4, 0.5}) {
            AtomicInteger applied = new AtomicInteger();
            Sometimes sometimes = new Sometimes((s, r) -> {
                applied.incrementAndGet();
                return s;
            }, p);
            SplittableRandom random = new SplittableRandom(Double.doubleToLongBits(p));
            int draws = 2000;
            for (int i = 0; i < draws; i++) {
                assertSame(sample, sometimes.apply(sample, random));
            }
            assertRate(p, applied.get(), draws, "p " + p);
        }
    }

    @Test
    void oneOfPicksExactlyOneUniformly() {
        int[] counts = new int[3];
        List<Transform> choices = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            int index = k;
            choices.add((s, r) -> {
                counts[index]++;
                return s;
            });
        }
        OneOf oneOf = new OneOf(choices);
        SplittableRandom random = new SplittableRandom(5);
        int draws = 3000;
        for (int i = 0; i < draws; i++) {
            oneOf.apply(sample, random);
        }
        assertEquals(draws, counts[0] + counts[1] + counts[2]);
        for (int k = 0; k < 3; k++) {
            assertRate(1 / 3.0, counts[k], draws, "choice " + k);
        }
    }

    @Test
    void pipelineAppliesStepsInOrder() {
        List<String> log = new ArrayList<>();
        Pipeline pipeline = Pipeline.of((s, r) -> {
            log.add("first");
            return s;
        }, (s, r) -> {
            log.add("second");
            return s;
        });
        pipeline.apply(sample, new SplittableRandom(0));
        assertEquals(List.of("first", "second"), log);
    }
}
