package io.lvnet.augment;

import static io.lvnet.augment.TestImages.assertAligned;
import static io.lvnet.augment.TestImages.assertMarkedAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CentreCropTest {
    @Test
    void keepsTheCentreRoundingTheOffsetDown() {
        // 10 x 12 to 4: the crop starts at row (10 - 4) / 2 = 3, column (12 - 4) / 2 = 4
        assertMarkedAt(CentreCrop.crop(TestImages.marked(10, 12, 3, 4), 4), 0, 0);
        assertMarkedAt(CentreCrop.crop(TestImages.marked(10, 12, 6, 7), 4), 3, 3);
        // 300 to 299: the odd pixel is dropped on the far side, as the reference's (300 - 299) // 2 = 0
        assertMarkedAt(CentreCrop.crop(TestImages.marked(300, 300, 0, 0), 299), 0, 0);
    }

    @Test
    void masksStayAlignedAndTheSizeIsExact() {
        Sample out = new CentreCrop(80).apply(TestImages.shapes(101), new SplittableRandom(0));
        assertEquals(80, out.height());
        assertEquals(80, out.width());
        assertAligned(out);
    }

    @Test
    void anImageOfTheRightSizeIsKeptAndASmallerOneRejected() {
        Sample sample = TestImages.shapes(40);
        assertSame(sample, CentreCrop.crop(sample, 40));
        assertThrows(IllegalArgumentException.class, () -> CentreCrop.crop(sample, 41));
    }
}
