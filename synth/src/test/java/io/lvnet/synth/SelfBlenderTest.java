package io.lvnet.synth;

import io.lvnet.blend.SelfBlender;

import io.lvnet.blend.SelfBlendSettings;

import io.lvnet.blend.SelfBlendRegions;

import io.lvnet.blend.Rng;

import io.lvnet.blend.RenderedFrame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.FaceBox;
import io.lvnet.data.Raster;
import io.lvnet.blend.SelfBlendSettings.Region;
import io.lvnet.blend.SelfBlendSettings.Transform;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelfBlenderTest {
    private static final RenderedFrame FACE = new FaceRenderer(128).render(Scene.random(Rng.derive(3, "scene", 0), 128),
            Identity.random(Rng.derive(3, "identity", 0)), Expression.NEUTRAL,
            HeadPose.track(Rng.derive(3, "pose", 0), 1).get(0), Rng.derive(3, "noise", 0));

    private static int[][] landmarks() {
        int[][] out = new int[68][];
        for (int i = 0; i < 68; i++) {
            out[i] = new int[] {(int) Math.round(FACE.landmarks()[i][0]), (int) Math.round(FACE.landmarks()[i][1])};
        }
        return out;
    }

    private static SelfBlendSettings only(Region region) {
        SelfBlendSettings d = SelfBlendSettings.DEFAULT;
        return new SelfBlendSettings(d.share(), null, d.paired(), List.of(region), d.transforms(), d.deform(),
                d.softenMin(), d.softenMax(), d.ratios());
    }

    /** Where two images differ, computed here from the pixels. */
    private static boolean[] differing(Raster a, Raster b) {
        boolean[] out = new boolean[a.width() * a.height()];
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    out[y * a.width() + x] |= a.at(x, y, c) != b.at(x, y, c);
                }
            }
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameBlendAndAnotherSeedAnother() {
        SelfBlender blender = new SelfBlender(SelfBlendSettings.DEFAULT);
        SelfBlendRegions regions = new SelfBlendRegions(FACE.box(), null, null);
        for (long seed = 0; seed < 6; seed++) {
            SelfBlender.Result a = blender.blend(FACE.image(), regions, Rng.derive(seed, "selfblend", 0));
            SelfBlender.Result b = blender.blend(FACE.image(), regions, Rng.derive(seed, "selfblend", 0));
            assertArrayEquals(a.image().data(), b.image().data());
            assertArrayEquals(a.mask().data(), b.mask().data());
            SelfBlender.Result other = blender.blend(FACE.image(), regions, Rng.derive(seed + 100, "selfblend", 0));
            assertFalse(java.util.Arrays.equals(a.image().data(), other.image().data()));
        }
    }

    @Test
    void theMaskIsExactlyThePixelsTheBlendChangedAndTheRestIsUntouched() {
        SelfBlender blender = new SelfBlender(SelfBlendSettings.DEFAULT);
        int realTargets = 0;
        for (long seed = 0; seed < 24; seed++) {
            SelfBlendRegions regions = new SelfBlendRegions(FACE.box(), seed % 2 == 0 ? landmarks() : null, null);
            SelfBlender.Result r = blender.blend(FACE.image(), regions, Rng.derive(seed, "selfblend", 0));
            boolean[] changed = differing(r.target(), r.image());
            int set = 0;
            for (int p = 0; p < changed.length; p++) {
                assertEquals(changed[p], r.mask().data()[p] != 0, "seed " + seed + ", pixel " + p);
                set += changed[p] ? 1 : 0;
            }
            assertTrue(set > 0, "seed " + seed + ": the blend changed nothing");
            if (r.target().equals(FACE.image()) || java.util.Arrays.equals(r.target().data(), FACE.image().data())) {
                realTargets++;
                // blended into the real face: outside the mask it is the real face, bit for bit
                boolean[] fromReal = differing(FACE.image(), r.image());
                assertArrayEquals(changed, fromReal);
            }
        }
        assertTrue(realTargets > 4 && realTargets < 20, realTargets + " of 24 blended into the real face");
    }

    @Test
    void eachRegionHasItsPlaceAndSizeFromLandmarksOrTheFaceBox() {
        FaceBox box = FACE.box();
        double boxArea = box.width() * (double) box.height();
        for (boolean withLandmarks : new boolean[] {false, true}) {
            Map<Region, Double> meanArea = new EnumMap<>(Region.class);
            Map<Region, Double> meanY = new EnumMap<>(Region.class);
            for (Region region : Region.values()) {
                SelfBlender blender = new SelfBlender(only(region));
                SelfBlendRegions regions = new SelfBlendRegions(box, withLandmarks ? landmarks() : null, null);
                double area = 0;
                double y = 0;
                for (long seed = 0; seed < 8; seed++) {
                    SelfBlender.Result r = blender.blend(FACE.image(), regions, Rng.derive(seed, "region", region.ordinal()));
                    assertEquals(region, r.region());
                    int n = 0;
                    double sy = 0;
                    for (int p = 0; p < 128 * 128; p++) {
                        if (r.mask().data()[p] != 0) {
                            n++;
                            sy += p / 128;
                        }
                    }
                    area += n / boxArea / 8;
                    y += (sy / Math.max(1, n) - box.y()) / box.height() / 8;
                }
                meanArea.put(region, area);
                meanY.put(region, y);
            }
            String where = (withLandmarks ? "landmarks " : "geometric ") + meanArea + " " + meanY;
            assertTrue(meanArea.get(Region.HULL) > 0.35 && meanArea.get(Region.HULL) < 1.3, where);
            assertTrue(meanArea.get(Region.LOWER_FACE) < meanArea.get(Region.HULL), where);
            for (Region part : EnumSet.of(Region.MOUTH, Region.EYES, Region.NOSE, Region.ELLIPSE)) {
                assertTrue(meanArea.get(part) > 0.02 && meanArea.get(part) < meanArea.get(Region.HULL), where);
            }
            assertTrue(meanY.get(Region.EYES) < meanY.get(Region.NOSE) && meanY.get(Region.NOSE) < meanY.get(Region.MOUTH),
                    where);
            assertTrue(meanY.get(Region.LOWER_FACE) > meanY.get(Region.HULL), where);
        }
    }

    @Test
    void partBoxesFromTheDataSetPlaceTheParts() {
        int[] mouth = {50, 90, 70, 100};
        SelfBlendRegions regions = new SelfBlendRegions(FACE.box(), null, r -> r == Region.MOUTH ? mouth : null);
        SelfBlender.Result r = new SelfBlender(only(Region.MOUTH)).blend(FACE.image(), regions, Rng.derive(1, "m", 0));
        int inside = 0;
        int all = 0;
        for (int p = 0; p < 128 * 128; p++) {
            if (r.mask().data()[p] != 0) {
                all++;
                int x = p % 128;
                int y = p / 128;
                inside += x >= 40 && x < 80 && y >= 80 && y < 110 ? 1 : 0;
            }
        }
        assertTrue(all > 0 && inside > 0.9 * all, inside + " of " + all + " changed pixels around the mouth box");
    }

    /** {@code colour_share}: that share of blends gets the colour and brightness shifts, the rest differ in texture only. */
    @Test
    void colourShiftsGoToTheirShareOfBlends() {
        SelfBlendSettings d = SelfBlendSettings.DEFAULT;
        SelfBlendRegions regions = new SelfBlendRegions(FACE.box(), null, null);
        int[] changedBlends = new int[3];
        double[] shares = {0.0, 0.5, 1.0};
        for (int k = 0; k < shares.length; k++) {
            // colour alone changes the copy: without it a blend changes nothing
            SelfBlender blender = new SelfBlender(new SelfBlendSettings(d.share(), null, d.paired(), d.regions(),
                    java.util.EnumSet.of(Transform.COLOUR, Transform.BRIGHTNESS), d.deform(), d.softenMin(), d.softenMax(),
                    d.ratios(), shares[k]));
            for (long seed = 0; seed < 20; seed++) {
                changedBlends[k] += blender.blend(FACE.image(), regions, Rng.derive(seed, "selfblend", 0)).mask().anySet() ? 1 : 0;
            }
        }
        assertEquals(0, changedBlends[0]);
        assertEquals(20, changedBlends[2]);
        assertTrue(changedBlends[1] > 10 && changedBlends[1] < 20,
                changedBlends[1] + " of 20 blends changed at a share of 0.5 (up to four draws each)");
        // a share of 1 draws nothing more: the default's blends are what they were
        SelfBlender.Result before = new SelfBlender(d).blend(FACE.image(), regions, Rng.derive(3, "selfblend", 0));
        assertEquals(1.0, d.colourShare());
        assertArrayEquals(before.image().data(), new SelfBlender(SelfBlendSettings.of(null, null, null, null, null, null, null,
                null, 1.0)).blend(FACE.image(), regions, Rng.derive(3, "selfblend", 0)).image().data());
        assertThrows(IllegalArgumentException.class,
                () -> SelfBlendSettings.of(null, null, null, null, null, null, null, null, 1.5));
    }

    /** {@code noise}: half the copies get sensor noise, so the blended region's noise level differs from the face's. */
    @Test
    void sensorNoiseGoesToHalfTheCopiesAndIsDrawnOnlyWhereEnabled() {
        SelfBlendSettings d = SelfBlendSettings.DEFAULT;
        SelfBlendRegions regions = new SelfBlendRegions(FACE.box(), null, null);
        // noise alone changes the copy: a blend changes pixels only where the copy was made noisy
        SelfBlender noiseOnly = new SelfBlender(new SelfBlendSettings(d.share(), null, d.paired(), d.regions(),
                EnumSet.of(Transform.NOISE), d.deform(), d.softenMin(), d.softenMax(), List.of(1.0)));
        int noisy = 0;
        for (long seed = 0; seed < 40; seed++) {
            noisy += noiseOnly.blend(FACE.image(), regions, Rng.derive(seed, "selfblend", 0)).mask().anySet() ? 1 : 0;
        }
        // a blend that changed nothing is drawn again, up to four times: 1 - 1/16 of them change pixels
        assertTrue(noisy >= 30, noisy + " of 40 blends noisy");
        // where it is not listed nothing more is drawn: the default's blends are what they were
        SelfBlender.Result before = new SelfBlender(d).blend(FACE.image(), regions, Rng.derive(5, "selfblend", 0));
        SelfBlender.Result again = new SelfBlender(SelfBlendSettings.of(null, null, null, null,
                List.of("colour", "brightness", "sharpen", "blur", "resize", "jpeg", "shift_scale"), null, null, null))
                .blend(FACE.image(), regions, Rng.derive(5, "selfblend", 0));
        assertArrayEquals(before.image().data(), again.image().data());
    }

    /** {@code other_face}: the copy is another person's face, aligned by the landmarks, and the mask is still exactly what changed. */
    @Test
    void aBlendOfAnotherFaceAlignedToThisOneChangesExactlyItsMask() {
        RenderedFrame other = new FaceRenderer(128).render(Scene.random(Rng.derive(4, "scene", 0), 128),
                Identity.random(Rng.derive(4, "identity", 0)), Expression.NEUTRAL,
                HeadPose.track(Rng.derive(4, "pose", 0), 1).get(0), Rng.derive(4, "noise", 0));
        int[][] otherPoints = new int[68][];
        for (int i = 0; i < 68; i++) {
            otherPoints[i] = new int[] {(int) Math.round(other.landmarks()[i][0]), (int) Math.round(other.landmarks()[i][1])};
        }
        Raster aligned = io.lvnet.blend.FaceAlignment.onto(other.image(), other.box(), otherPoints, FACE.box(), landmarks(),
                128, 128);
        SelfBlender blender = new SelfBlender(SelfBlendSettings.DEFAULT);
        SelfBlendRegions regions = new SelfBlendRegions(FACE.box(), landmarks(), null);
        int differentFromSelf = 0;
        for (long seed = 0; seed < 8; seed++) {
            SelfBlender.Result r = blender.blend(FACE.image(), aligned, regions, Rng.derive(seed, "selfblend", 0));
            boolean[] changed = differing(r.target(), r.image());
            for (int p = 0; p < changed.length; p++) {
                assertEquals(changed[p], r.mask().data()[p] != 0, "seed " + seed + ", pixel " + p);
            }
            assertTrue(r.mask().anySet());
            assertArrayEquals(r.image().data(), blender.blend(FACE.image(), aligned, regions, Rng.derive(seed, "selfblend", 0))
                    .image().data(), "seed " + seed + ": not reproducible");
            differentFromSelf += java.util.Arrays.equals(r.image().data(),
                    blender.blend(FACE.image(), regions, Rng.derive(seed, "selfblend", 0)).image().data()) ? 0 : 1;
        }
        assertEquals(8, differentFromSelf);
        // the copy is the image's size or nothing
        assertThrows(IllegalArgumentException.class, () -> blender.blend(FACE.image(), Raster.blank(64, 64, 3), regions,
                new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> SelfBlendSettings.of(null, null, null, null, null, null, null,
                null, null, 1.5));
        assertEquals(0.0, SelfBlendSettings.DEFAULT.otherFace());
    }

    @Test
    void settingsRefuseWhatCannotBe() {
        assertThrows(IllegalArgumentException.class, () -> SelfBlendSettings.of(1.5, null, null, null, null, null, null, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SelfBlendSettings.of(null, null, null, List.of("chin"), null, null, null, null));
        assertTrue(e.getMessage().contains("unknown self-blend region 'chin'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SelfBlendSettings.of(null, null, null, null, List.of("sepia"), null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> SelfBlendSettings.of(null, null, null, null, null, null, List.of(0.1), null));
        assertThrows(IllegalArgumentException.class,
                () -> SelfBlendSettings.of(null, null, null, null, null, null, null, List.of(0.0)));
        SelfBlendSettings s = SelfBlendSettings.of(0.25, null, false, List.of("mouth", "lower_face"), List.of("jpeg"),
                0.0, List.of(0.0, 0.0), List.of(1.0));
        assertEquals(List.of(Region.MOUTH, Region.LOWER_FACE), s.regions());
        assertEquals(0.25, s.validationShare(false));
        assertEquals(0.0, s.validationShare(true));
        assertNotEquals(SelfBlendSettings.DEFAULT, s);
    }
}
