package io.lvnet.regions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one choice of where regions come from, and its default. */
class RegionSourceTest {
    @Test
    void parsesTheThreeSourcesAndRefusesOthers() {
        assertEquals(RegionSource.LANDMARKS, RegionSource.parse(" Landmarks"));
        assertEquals(RegionSource.INDEX, RegionSource.parse("index"));
        assertEquals("geometric", RegionSource.GEOMETRIC.label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegionSource.parse("dlib"));
        assertEquals("unknown region source 'dlib' (index, landmarks or geometric)", e.getMessage());
    }

    @Test
    void theDefaultIsTheIndexsRegionsThenLandmarksThenGeometry() {
        assertEquals(RegionSource.INDEX, RegionSource.forDataset(null, true, true));
        assertEquals(RegionSource.INDEX, RegionSource.forDataset(null, true, false));
        assertEquals(RegionSource.LANDMARKS, RegionSource.forDataset(null, false, true));
        assertEquals(RegionSource.GEOMETRIC, RegionSource.forDataset(null, false, false));
        // a configured source wins, whatever is available
        assertEquals(RegionSource.GEOMETRIC, RegionSource.forDataset(RegionSource.GEOMETRIC, true, true));
        assertEquals(RegionSource.LANDMARKS, RegionSource.forDataset(RegionSource.LANDMARKS, true, false));
    }

    @Test
    void aChoiceSaysWhy() {
        assertEquals("regions: geometric (as configured)", RegionSource.choose(RegionSource.GEOMETRIC, true, true).describe());
        assertEquals("regions: index (the data set ships them)", RegionSource.choose(null, true, true).describe());
        assertTrue(RegionSource.choose(null, false, true).describe().startsWith("regions: landmarks (the data set ships none; "
                + "dlib's model is at "), RegionSource.choose(null, false, true).describe());
        assertTrue(RegionSource.choose(null, false, false).describe().contains("libdlib-data"));
    }

    @Test
    void picturesShipNoRegions() {
        assertEquals(RegionSource.LANDMARKS, RegionSource.forFaces(null, true));
        assertEquals(RegionSource.GEOMETRIC, RegionSource.forFaces(null, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegionSource.forFaces(RegionSource.INDEX, true));
        assertTrue(e.getMessage().contains("choose landmarks or geometric"), e.getMessage());
    }
}
