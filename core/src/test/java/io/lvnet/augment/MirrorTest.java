package io.lvnet.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MirrorTest {
    @Test
    void aMirrorSwapsLeftAndRightInImageAndMasksAndNothingElse() {
        TestImages.assertMarkedAt(new Mirror().apply(TestImages.marked(5, 7, 1, 2), new SplittableRandom(0)), 1, 4);
    }

    @Test
    void theMirrorRecipeMirrorsHalfTheFacesAtTheirOwnSizeAndIsNamedInConfigurations() {
        assertEquals(Augmentation.MIRROR, Augmentation.parse("mirror"));
        // at the input size already: the resize changes nothing, so each face is either as it was or mirrored
        AugmentationRecipe recipe = Augmentation.MIRROR.recipe(9);
        int mirrored = 0;
        int draws = 400;
        for (long seed = 0; seed < draws; seed++) {
            Sample out = recipe.transforms().apply(TestImages.marked(9, 9, 3, 1), new SplittableRandom(seed));
            boolean flipped = (out.rgb()[(3 * 9 + 7) * 3] & 0xff) == 200;
            TestImages.assertMarkedAt(out, 3, flipped ? 7 : 1);
            mirrored += flipped ? 1 : 0;
        }
        TestImages.assertRate(0.5, mirrored, draws, "mirrored faces");
    }
}
