package io.lvnet.regions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lvnet.data.FaceBox;
import io.lvnet.data.Raster;
import io.lvnet.landmarks.LandmarkGoldens;
import io.lvnet.landmarks.Landmarks;
import io.lvnet.landmarks.Region;
import org.junit.jupiter.api.Test;

/**
 * SSPSL's reference regions drawn as the reference draws them ({@code datasets/util.py}:
 * {@code mask[ymin:ymax, xmin:xmax] = 255} with {@code xmin = min(x) - 5}, {@code xmax = max(x)
 * + 5}, NumPy's slicing), checked pixel by pixel against an independent rendering of that rule.
 */
class FacePartsTest {
    private static final FaceBox BOX = new FaceBox(150, 120, 240, 250);

    @Test
    void landmarkRegionsOfTheGoldenPhotoAreTheReferencesMasks() {
        FaceParts parts = FaceParts.of(golden(0, 0), BOX);
        // dlib's points on photo.png: mouth x 233..309, y 271..291; nose (27..34) x 245..279,
        // y 191..253; eyes x 207 (right eye's left) .. 327 (left eye's right), y 186..202
        assertMask(parts, "mouth", 400, 400, 228, 314, 266, 296);
        assertMask(parts, "nose", 400, 400, 240, 284, 186, 258);
        assertMask(parts, "eyes", 400, 400, 202, 332, 181, 207);
        for (String part : FaceParts.PARTS) {
            assertEquals(reference(parts.part(part), 400, 400), parts.mask(part, 400, 400), part);
        }
    }

    @Test
    void aRegionPastTheTopOrLeftWrapsAsNumPyDoesAndOnePastTheRightStopsAtTheEdge() {
        // the photo's points moved up and left: the mouth's ymin - 5 is -3, its xmin - 5 is 20
        Landmarks upLeft = golden(-208, -269);
        FaceParts parts = FaceParts.of(upLeft, BOX);
        assertEquals(new Region(20, -3, 106, 27), parts.mouth());
        // mask[-3:27, 20:106] on 64 rows selects rows 61..26: none
        assertEquals(0, parts.mask("mouth", 128, 64).countSet());
        assertEquals(reference(parts.mouth(), 128, 64), parts.mask("mouth", 128, 64));
        // on 28 rows it selects rows 25..26 (-3 + 28 = 25), and columns 20..105 clipped to 100
        Raster narrow = parts.mask("mouth", 100, 28);
        assertEquals(2 * 80, narrow.countSet());
        assertEquals(reference(parts.mouth(), 100, 28), narrow);
        // geometry clips instead: a box past the edge keeps what lies inside
        FaceParts geometric = PartLocator.geometric().locate(null, new FaceBox(-40, -40, 100, 100));
        assertEquals(new Region(-15, 28, 35, 55), geometric.mouth());
        assertEquals(35 * 27, geometric.mask("mouth", 64, 64).countSet());
    }

    @Test
    void partsMapIntoACropsPixels() {
        FaceParts parts = new FaceParts(new Region(10, 20, 110, 120), new Region(40, 90, 80, 110),
                new Region(20, 40, 100, 60), new Region(50, 50, 70, 90), true);
        FaceParts inCrop = parts.mapped(-5, 10, 0.5);
        assertEquals(new Region(8, 5, 58, 55), inCrop.face());
        assertEquals(new Region(23, 40, 43, 50), inCrop.mouth());
        assertEquals(true, inCrop.referenceSlicing());
    }

    /** The reference's rule, written out: Python's slice bounds, then every pixel in both ranges. */
    static Raster reference(Region r, int width, int height) {
        int x0 = python(r.left(), width);
        int x1 = python(r.right(), width);
        int y0 = python(r.top(), height);
        int y1 = python(r.bottom(), height);
        byte[] data = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (y >= y0 && y < y1 && x >= x0 && x < x1) {
                    data[y * width + x] = (byte) 255;
                }
            }
        }
        return new Raster(width, height, 1, data);
    }

    private static int python(int bound, int length) {
        int b = bound < 0 ? bound + length : bound;
        return Math.max(0, Math.min(length, b));
    }

    private static void assertMask(FaceParts parts, String part, int w, int h, int x0, int x1, int y0, int y1) {
        Raster m = parts.mask(part, w, h);
        assertEquals((x1 - x0) * (y1 - y0), m.countSet(), part);
        assertEquals(255, m.at(x0, y0, 0), part);
        assertEquals(255, m.at(x1 - 1, y1 - 1, 0), part);
        assertEquals(0, m.at(x1, y0, 0), part);
        assertEquals(0, m.at(x0 - 1, y0, 0), part);
        assertEquals(0, m.at(x0, y1, 0), part);
    }

    /** dlib's points on the golden photograph, moved by {@code (dx, dy)}. */
    static Landmarks golden(int dx, int dy) {
        int[][] points = LandmarkGoldens.faces().get(0).points();
        int[] xy = new int[2 * points.length];
        for (int i = 0; i < points.length; i++) {
            xy[2 * i] = points[i][0] + dx;
            xy[2 * i + 1] = points[i][1] + dy;
        }
        return new Landmarks(xy);
    }
}
