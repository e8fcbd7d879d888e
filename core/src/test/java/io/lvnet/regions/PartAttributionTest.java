package io.lvnet.regions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lvnet.landmarks.Region;
import org.junit.jupiter.api.Test;

/** Naming the facial part that holds a patch map's forged patches. */
class PartAttributionTest {
    // a 100-pixel input with a 10 x 10 map: each patch is 10 x 10 pixels
    private static final FaceParts PARTS = new FaceParts(new Region(10, 10, 90, 100), new Region(30, 70, 70, 90),
            new Region(20, 30, 80, 40), new Region(40, 40, 60, 70), false);

    @Test
    void forgedPatchesOverTheMouthNameTheMouth() {
        float[][] map = new float[10][10];
        for (int r = 7; r < 9; r++) {
            for (int c = 3; c < 7; c++) {
                map[r][c] = 0.9f;
            }
        }
        map[6][2] = 0.8f; // one forged patch beside it, in the rest of the face
        PartAttribution a = PartAttribution.of(PARTS, 100, map);
        assertEquals("mouth", a.forgedPart());
        assertEquals(new PartAttribution.Share(8, 8, 1), a.parts().get("mouth"));
        assertEquals(0, a.parts().get("eyes").forged());
        // the face box (8 x 9 patches) less mouth 8, eyes 6 and nose 6 patches
        assertEquals(52, a.parts().get(PartAttribution.REST_OF_FACE).area());
        assertEquals(1, a.parts().get(PartAttribution.REST_OF_FACE).forged());
    }

    @Test
    void theShareNotTheAreaNamesThePart() {
        // the whole face forged but the eyes: the rest of the face has more forged patches (52)
        // than the mouth (8), but every part but the eyes is forged through; the mouth comes first
        float[][] map = new float[10][10];
        for (float[] row : map) {
            java.util.Arrays.fill(row, 0.7f);
        }
        for (int c = 0; c < 10; c++) {
            map[3][c] = 0.1f;
        }
        PartAttribution a = PartAttribution.of(PARTS, 100, map);
        assertEquals("mouth", a.forgedPart());
        assertEquals(0, a.parts().get("eyes").share());
        // one forged patch in the nose (1 of its 6) and one beside it (1 of the rest's 52): the nose
        float[][] side = new float[10][10];
        side[5][3] = 0.9f; // x 30..40, y 50..60: the rest of the face (the nose is x 40..60)
        side[4][5] = 0.6f; // x 50..60, y 40..50: inside the nose
        assertEquals("nose", PartAttribution.of(PARTS, 100, side).forgedPart());
    }

    @Test
    void noForgedPatchNoPartAndPartialPatchesCountByArea() {
        assertNull(PartAttribution.of(PARTS, 100, new float[10][10]).forgedPart());
        // a 5 x 5 map over the same 100 pixels: patches of 20 x 20, the mouth covers 2 x 1
        PartAttribution coarse = PartAttribution.of(PARTS, 100, new float[5][5]);
        assertEquals(2, coarse.parts().get("mouth").area());
        assertEquals(1.5, coarse.parts().get("eyes").area()); // 60 x 10 pixels of 400
        float[][] half = new float[5][5];
        half[1][1] = 0.51f; // x 20..40, y 20..40: the eyes' x 20..40, y 30..40, half the patch
        PartAttribution a = PartAttribution.of(PARTS, 100, half);
        assertEquals(0.5, a.parts().get("eyes").forged());
        assertEquals("eyes", a.forgedPart());
        // at exactly one half a patch is not forged
        half[1][1] = 0.5f;
        assertNull(PartAttribution.of(PARTS, 100, half).forgedPart());
    }
}
