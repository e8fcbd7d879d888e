package io.lvnet.landmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lvnet.data.Raster;
import org.junit.jupiter.api.Test;

/** Named parts and the reference's regions, on dlib's own points for the golden photograph. */
class LandmarksTest {
    private static final Landmarks PHOTO = photo();

    @Test
    void theMouthRegionIsTheReferencesSliceAroundPoints48To67() {
        // mouth points of photo.png span x 233..309, y 271..291; the reference's mask is
        // mask[ymin - 5 : ymax + 5, xmin - 5 : xmax + 5]
        assertEquals(new Region(228, 266, 314, 296), PHOTO.region(FacialPart.MOUTH, 5));
        assertEquals(86, PHOTO.region(FacialPart.MOUTH, 5).width());
        assertEquals(new Region(233, 271, 309, 291), PHOTO.region(FacialPart.MOUTH, 0));
    }

    @Test
    void theNoseRegionLeavesOutPoint35AsTheReferencesTableDoes() {
        // points 27..34 span x 245..279, y 191..253; point 35 (289, 246) would widen it
        assertEquals(new Region(240, 186, 284, 258), PHOTO.region(FacialPart.NOSE, 5));
        assertArrayEquals(new int[] {289, 246}, PHOTO.points(FacialPart.NOSE)[8]);
    }

    @Test
    void theEyesRegionRunsFromTheRightEyesLeftEdgeToTheLeftEyesRightEdge() {
        // right eye 36..41 starts at x 207, left eye 42..47 ends at x 327; y 186..202 over both
        assertEquals(new Region(202, 181, 332, 207), PHOTO.region(FacialPart.EYES, 5));
        // a face whose eyes swap sides (seen from behind, or a mislabelled flip) keeps the
        // reference's formula: the right eye's leftmost x to the left eye's rightmost
        int[] xy = new int[2 * 68];
        for (int i = 36; i <= 41; i++) {
            xy[2 * i] = 300 + i;
            xy[2 * i + 1] = 50;
        }
        for (int i = 42; i <= 47; i++) {
            xy[2 * i] = 100 + i;
            xy[2 * i + 1] = 60;
        }
        assertEquals(new Region(336, 50, 147, 60), new Landmarks(xy).region(FacialPart.EYES, 0));
        assertEquals(0, new Landmarks(xy).region(FacialPart.EYES, 0).width());
    }

    @Test
    void partsAndClipping() {
        assertEquals(17, PHOTO.points(FacialPart.JAW).length);
        assertEquals(10, PHOTO.points(FacialPart.BROWS).length);
        assertEquals(20, PHOTO.points(FacialPart.MOUTH).length);
        assertEquals(FacialPart.EYES, FacialPart.named(" Eyes"));
        assertThrows(IllegalArgumentException.class, () -> FacialPart.named("ears"));
        assertEquals(new Region(0, 0, 10, 5), new Region(-4, -3, 12, 5).clip(10, 8));
        assertEquals(0, new Region(20, 0, 30, 5).clip(10, 8).width());
        assertThrows(IllegalStateException.class, () -> new Landmarks(new int[10]).region(FacialPart.MOUTH, 5));
    }

    @Test
    void intensitiesAreTheTruncatedMeanOfTheChannelsAsDlibConvertsRgb() {
        // (254 + 255 + 255) / 3 = 254.67: dlib keeps 254; a weighted luma would give 255
        Raster bgr = new Raster(3, 1, 3, new byte[] {(byte) 254, (byte) 255, (byte) 255, 0, 0, (byte) 255, 1, 1, 2});
        GrayImage g = GrayImage.of(bgr);
        assertEquals(254, g.at(0, 0));
        assertEquals(85, g.at(1, 0));
        assertEquals(1, g.at(2, 0));
    }

    private static Landmarks photo() {
        LandmarkGoldens.Face f = LandmarkGoldens.faces().get(0);
        assertEquals("photo.png", f.image());
        int[] xy = new int[136];
        for (int i = 0; i < 68; i++) {
            xy[2 * i] = f.points()[i][0];
            xy[2 * i + 1] = f.points()[i][1];
        }
        return new Landmarks(xy);
    }
}
