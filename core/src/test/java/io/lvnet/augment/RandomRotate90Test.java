package io.lvnet.augment;

import static io.lvnet.augment.TestImages.assertAligned;
import static io.lvnet.augment.TestImages.assertMarkedAt;
import static io.lvnet.augment.TestImages.assertRate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomRotate90Test {
    private static final int H = 5;
    private static final int W = 7;
    private static final int Y = 1;
    private static final int X = 2;

    @Test
    void quarterTurnsAreCounterClockwiseAsNumpyRot90() {
        Sample sample = TestImages.marked(H, W, Y, X);
        // np.rot90(a, 1)[i, j] == a[j, W - 1 - i]: pixel (y, x) lands at (W - 1 - x, y)
        Sample one = RandomRotate90.rotate(sample, 1);
        assertEquals(W, one.height());
        assertEquals(H, one.width());
        assertMarkedAt(one, W - 1 - X, Y);
        Sample two = RandomRotate90.rotate(sample, 2);
        assertEquals(H, two.height());
        assertMarkedAt(two, H - 1 - Y, W - 1 - X);
        Sample three = RandomRotate90.rotate(sample, 3);
        assertEquals(W, three.height());
        assertMarkedAt(three, X, H - 1 - Y);
    }

    @Test
    void zeroTurnsIsTheIdentityAndFourTurnsComeBack() {
        Sample sample = TestImages.shapes(32);
        assertSame(sample, RandomRotate90.rotate(sample, 0));
        Sample four = sample;
        for (int i = 0; i < 4; i++) {
            four = RandomRotate90.rotate(four, 1);
        }
        assertArrayEquals(sample.rgb(), four.rgb());
        assertArrayEquals(sample.mask(TestImages.REGION), four.mask(TestImages.REGION));
    }

    @Test
    void masksStayBinaryAndAligned() {
        Sample sample = TestImages.shapes(64);
        for (int turns = 1; turns < 4; turns++) {
            assertEquals(TestImages.count(sample.mask(TestImages.FORGERY)),
                    assertAligned(RandomRotate90.rotate(sample, turns)));
        }
    }

    @Test
    void eachNumberOfTurnsIsEquallyLikely() {
        SplittableRandom random = new SplittableRandom(11);
        int[] counts = new int[4];
        int draws = 4000;
        for (int i = 0; i < draws; i++) {
            counts[RandomRotate90.drawQuarterTurns(random)]++;
        }
        for (int k = 0; k < 4; k++) {
            assertRate(0.25, counts[k], draws, k + " turns");
        }
    }
}
