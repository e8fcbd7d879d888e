package io.lvnet.blend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.Raster;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceTransformsTest {
    private static Raster flat(int size, int value) {
        byte[] d = new byte[size * size * 3];
        Arrays.fill(d, (byte) value);
        return new Raster(size, size, 3, d);
    }

    /** The smallest period, 2 to 4, with which every row and column repeats; 0 if none. */
    private static int period(Raster r) {
        for (int f = 2; f <= 4; f++) {
            boolean repeats = true;
            for (int y = 0; y + f < r.height() && repeats; y++) {
                for (int x = 0; x + f < r.width() && repeats; x++) {
                    for (int c = 0; c < 3; c++) {
                        repeats &= r.at(x, y, c) == r.at(x + f, y, c) && r.at(x, y, c) == r.at(x, y + f, c);
                    }
                }
            }
            if (repeats) {
                return f;
            }
        }
        return 0;
    }

    @Test
    void upsamplingLeavesAGainThatRepeatsWithTheUpsamplingFactorAndKeepsTheMeanLevel() {
        for (int seed = 0; seed < 12; seed++) {
            Raster out = SourceTransforms.upsampled(flat(48, 128), new Rng(seed));
            int f = period(out);
            assertTrue(f >= 2 && f <= 4, "seed " + seed + ": no period of 2 to 4 pixels");
            int min = 255;
            int max = 0;
            long sum = 0;
            for (int y = 0; y < f; y++) {
                for (int x = 0; x < f; x++) {
                    int v = out.at(x, y, 0);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    sum += v;
                }
            }
            assertTrue(max > min, "seed " + seed + ": the gain does not vary");
            assertTrue(max - min <= 2 * 0.12 * 128 / 0.88 + 1, "seed " + seed + ": gains beyond 12 %");
            assertEquals(128, sum / (double) (f * f), 1.0, "seed " + seed + ": the mean level moved");
        }
    }

    @Test
    void upsamplingRemovesDetailFinerThanTheRenderedResolution() {
        byte[] d = new byte[48 * 48 * 3];
        for (int i = 0; i < 48 * 48; i++) {
            Arrays.fill(d, 3 * i, 3 * i + 3, (byte) ((i % 48 + i / 48) % 2 == 0 ? 64 : 192));
        }
        Raster out = SourceTransforms.upsampled(new Raster(48, 48, 3, d), new Rng(5));
        // a one-pixel checkerboard of +-64 shrinks to its mean: what is left is the periodic gain
        for (int x = 8; x < 40; x++) {
            assertTrue(Math.abs(out.at(x, 24, 1) - 128) <= 0.12 * 128 / 0.88 + 8, "x " + x + ": " + out.at(x, 24, 1));
        }
    }

    @Test
    void upsamplingIsDrawnOnlyWhereItIsEnabledSoEarlierSettingsDrawAsBefore() {
        var without = EnumSet.of(SelfBlendSettings.Transform.BLUR);
        var with = EnumSet.of(SelfBlendSettings.Transform.BLUR, SelfBlendSettings.Transform.UPSAMPLING);
        Raster face = flat(32, 100);
        boolean drawn = false;
        for (int seed = 0; seed < 40; seed++) {
            Rng a = new Rng(seed);
            SourceTransforms.detail(face, a, without);
            Rng b = new Rng(seed);
            b.nextInt(4);
            b.uniform(0, 1);
            assertEquals(b.nextInt(1000), a.nextInt(1000), "seed " + seed + ": the stream moved");
            drawn |= period(SourceTransforms.detail(face, new Rng(seed), with)) > 0;
        }
        assertTrue(drawn, "upsampling never drawn in 40 seeds");
        assertFalse(SelfBlendSettings.DEFAULT.transforms().contains(SelfBlendSettings.Transform.UPSAMPLING));
        assertTrue(SelfBlendSettings.of(null, null, null, null, List.of("blur", "upsampling"), null, null, null)
                .transforms().contains(SelfBlendSettings.Transform.UPSAMPLING));
    }

    @Test
    void sensorNoiseIsIndependentPerValueWithADeviationOfTwoToEightAndKeepsTheLevel() {
        double lowest = 99;
        double highest = 0;
        for (int seed = 0; seed < 16; seed++) {
            Raster out = SourceTransforms.noisy(flat(64, 100), new Rng(seed));
            double sum = 0;
            double sq = 0;
            double lag = 0;
            byte[] d = out.data();
            for (int i = 0; i < d.length; i++) {
                double v = (d[i] & 0xff) - 100;
                sum += v;
                sq += v * v;
                lag += i + 3 < d.length ? v * ((d[i + 3] & 0xff) - 100) : 0;
            }
            double sd = Math.sqrt(sq / d.length);
            assertEquals(0, sum / d.length, 0.2, "seed " + seed + ": the level moved");
            assertTrue(sd > 1.9 && sd < 8.1, "seed " + seed + ": deviation " + sd);
            // neighbouring pixels uncorrelated: noise, not a pattern
            assertEquals(0, lag / d.length / (sd * sd), 0.05, "seed " + seed);
            lowest = Math.min(lowest, sd);
            highest = Math.max(highest, sd);
        }
        assertTrue(highest - lowest > 2, "the deviation is not drawn: " + lowest + " to " + highest);
        assertArrayEquals(SourceTransforms.noisy(flat(16, 30), new Rng(4)).data(),
                SourceTransforms.noisy(flat(16, 30), new Rng(4)).data());
        assertFalse(SelfBlendSettings.DEFAULT.transforms().contains(SelfBlendSettings.Transform.NOISE));
        assertTrue(SelfBlendSettings.of(null, null, null, null, List.of("blur", "noise"), null, null, null)
                .transforms().contains(SelfBlendSettings.Transform.NOISE));
    }
}
