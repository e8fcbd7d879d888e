package io.lvnet.augment;

import static io.lvnet.augment.TestImages.assertAligned;
import static io.lvnet.augment.TestImages.assertMarkedAt;
import static io.lvnet.augment.TestImages.assertRate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomFlipTest {
    private static final int H = 5;
    private static final int W = 7;

    @Test
    void markedPixelMovesWhereEachFlipSendsIt() {
        Sample sample = TestImages.marked(H, W, 1, 2);
        assertMarkedAt(RandomFlip.flip(sample, RandomFlip.Mode.HORIZONTAL), 1, W - 1 - 2);
        assertMarkedAt(RandomFlip.flip(sample, RandomFlip.Mode.VERTICAL), H - 1 - 1, 2);
        assertMarkedAt(RandomFlip.flip(sample, RandomFlip.Mode.BOTH), H - 1 - 1, W - 1 - 2);
    }

    @Test
    void flippingTwiceRestoresTheSample() {
        Sample sample = TestImages.shapes(64);
        for (RandomFlip.Mode mode : RandomFlip.Mode.values()) {
            Sample twice = RandomFlip.flip(RandomFlip.flip(sample, mode), mode);
            assertArrayEquals(sample.rgb(), twice.rgb(), mode.name());
            assertArrayEquals(sample.mask(TestImages.FORGERY), twice.mask(TestImages.FORGERY), mode.name());
        }
    }

    @Test
    void masksStayBinaryAndAligned() {
        Sample sample = TestImages.shapes(64);
        for (RandomFlip.Mode mode : RandomFlip.Mode.values()) {
            assertEquals(TestImages.count(sample.mask(TestImages.FORGERY)), assertAligned(RandomFlip.flip(sample, mode)));
        }
    }

    @Test
    void theThreeModesAreEquallyLikely() {
        SplittableRandom random = new SplittableRandom(7);
        Map<RandomFlip.Mode, Integer> counts = new EnumMap<>(RandomFlip.Mode.class);
        int draws = 3000;
        for (int i = 0; i < draws; i++) {
            counts.merge(RandomFlip.drawMode(random), 1, Integer::sum);
        }
        for (RandomFlip.Mode mode : RandomFlip.Mode.values()) {
            assertRate(1 / 3.0, counts.getOrDefault(mode, 0), draws, mode.name());
        }
    }
}
