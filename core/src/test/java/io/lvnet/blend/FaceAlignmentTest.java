package io.lvnet.blend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lvnet.data.FaceBox;
import io.lvnet.data.Raster;
import org.junit.jupiter.api.Test;

class FaceAlignmentTest {
    @Test
    void theSimilarityOfPointsMovedByOneIsThatOne() {
        // rotated by 30 degrees, scaled by 1.5 and shifted: a = 1.5 cos, b = 1.5 sin
        double a = 1.5 * Math.cos(Math.PI / 6);
        double b = 1.5 * Math.sin(Math.PI / 6);
        int[][] from = {{10, 10}, {50, 12}, {30, 40}, {20, 60}, {70, 70}};
        int[][] to = new int[from.length][];
        for (int i = 0; i < from.length; i++) {
            // whole-pixel points, as landmarks are: the fit is exact to rounding
            to[i] = new int[] {(int) Math.round(a * from[i][0] - b * from[i][1] + 7),
                    (int) Math.round(b * from[i][0] + a * from[i][1] - 4)};
        }
        double[] m = FaceAlignment.similarity(from, to);
        assertEquals(a, m[0], 0.01);
        assertEquals(b, m[1], 0.01);
        assertEquals(7, m[2], 0.5);
        assertEquals(-4, m[3], 0.5);
        assertThrows(IllegalArgumentException.class, () -> FaceAlignment.similarity(new int[][] {{1, 1}}, new int[][] {{2, 2}}));
        assertThrows(IllegalArgumentException.class,
                () -> FaceAlignment.similarity(new int[][] {{1, 1}, {1, 1}}, new int[][] {{2, 2}, {3, 3}}));
    }

    @Test
    void aFaceBoxIsMovedCentreOntoCentreAndAreaOntoArea() {
        double[] m = FaceAlignment.boxToBox(new FaceBox(10, 20, 40, 40), new FaceBox(0, 0, 80, 80));
        assertArrayEquals(new double[] {2, 0, 40 - 2 * 30, 40 - 2 * 40}, m, 1e-9);
    }

    @Test
    void anotherFaceMovedOntoThisOneLandsWhereThisOneIs() {
        // a bright square at (8..15, 8..15) in a 32 x 32 image, moved by its box onto (16..31, 16..31) of a 40 x 40 one
        byte[] d = new byte[32 * 32 * 3];
        for (int y = 8; y < 16; y++) {
            for (int x = 8; x < 16; x++) {
                java.util.Arrays.fill(d, (y * 32 + x) * 3, (y * 32 + x) * 3 + 3, (byte) 200);
            }
        }
        Raster out = FaceAlignment.onto(new Raster(32, 32, 3, d), new FaceBox(8, 8, 8, 8), null, new FaceBox(16, 16, 16, 16),
                null, 40, 40);
        assertEquals(40, out.width());
        assertEquals(40, out.height());
        assertEquals(200, out.at(24, 24, 0));
        assertEquals(200, out.at(18, 29, 2));
        assertEquals(0, out.at(12, 12, 0));
        // with landmarks, the points decide: the same move given as the square's corners
        int[][] corners = {{8, 8}, {16, 8}, {8, 16}, {16, 16}};
        int[][] moved = {{16, 16}, {32, 16}, {16, 32}, {32, 32}};
        Raster byPoints = FaceAlignment.onto(new Raster(32, 32, 3, d), new FaceBox(0, 0, 4, 4), corners,
                new FaceBox(30, 30, 2, 2), moved, 40, 40);
        assertArrayEquals(out.data(), byPoints.data());
    }
}
