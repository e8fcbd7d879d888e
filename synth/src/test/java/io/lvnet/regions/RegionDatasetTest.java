package io.lvnet.regions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.CanonicalDataset;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FaceBox;
import io.lvnet.data.FrameDataset;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.GeometricRegions;
import io.lvnet.data.Raster;
import io.lvnet.landmarks.GrayImage;
import io.lvnet.landmarks.LandmarkGoldens;
import io.lvnet.landmarks.ShapePredictor;
import io.lvnet.synth.Method;
import io.lvnet.synth.SynthGenerator;
import io.lvnet.synth.SynthOptions;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data set's regions from each source, on rendered frames whose true regions are known. */
class RegionDatasetTest {
    @TempDir
    static Path dir;
    static CanonicalDataset synth;

    @BeforeAll
    static void render() throws Exception {
        Path d = dir.resolve("synth");
        new SynthGenerator(new SynthOptions(4, 1, 2, 160, 3, List.of(CompressionLevel.NONE),
                List.of(Method.NEURAL_TEXTURES), false, 1)).generate(d, "test", done -> { });
        synth = CanonicalDataset.open(d);
    }

    @Test
    void theIndexsOwnRegionsAreKeptWhereTheDataSetShipsThem() throws Exception {
        List<FrameRecord> frames = synth.frames();
        assertTrue(frames.stream().allMatch(synth::shipsRegions));
        assertSame(synth, RegionDataset.withRegions(synth, null, frames, null));
        assertSame(synth, RegionDataset.withRegions(synth, RegionSource.INDEX, frames, null));
        FrameDataset geometric = RegionDataset.withRegions(synth, RegionSource.GEOMETRIC, frames, null);
        assertTrue(geometric instanceof RegionDataset && !geometric.shipsRegions(frames.get(0)));
    }

    @Test
    void geometricRegionsAreTheFaceBoxsFractions() throws Exception {
        RegionDataset ds = new RegionDataset(synth, PartLocator.geometric());
        for (FrameRecord f : synth.frames()) {
            for (String part : FaceParts.PARTS) {
                try (Mat m = ds.readRegion(f, part)) {
                    assertEquals(GeometricRegions.region(part, f.box(), 160), Raster.of(m), part);
                }
            }
        }
    }

    @Test
    void landmarkRegionsAreDlibsOnTheIndexsBoxAndFindTheRenderedMouth() throws Exception {
        ShapePredictor model = LandmarkGoldens.model();
        RegionDataset ds = new RegionDataset(synth, PartLocator.landmarks(model));
        int inside = 0;
        for (FrameRecord f : synth.frames()) {
            FaceParts expected;
            try (Mat image = synth.readImage(f)) {
                expected = FaceParts.of(model.predict(GrayImage.of(image), f.box()), f.box());
            }
            assertEquals(expected, ds.parts(f));
            try (Mat mouth = ds.readRegion(f, "mouth"); Mat truth = synth.readRegion(f, "mouth")) {
                assertEquals(expected.mask("mouth", 160, 160), Raster.of(mouth));
                // the landmark mouth's centre lies in the renderer's own mouth region
                Raster t = Raster.of(truth);
                int cx = (expected.mouth().left() + expected.mouth().right()) / 2;
                int cy = (expected.mouth().top() + expected.mouth().bottom()) / 2;
                inside += t.at(cx, cy, 0) > 0 ? 1 : 0;
            }
        }
        int n = synth.frames().size();
        assertTrue(inside >= 0.9 * n, inside + " of " + n + " landmark mouths centred in the rendered mouth");
    }

    @Test
    void aCropWithoutABoxHoldsTheCentredFace() {
        FrameRecord f = synth.frames().get(0);
        FrameRecord noBox = new FrameRecord(f.image(), f.mask(), f.regions(), f.label(), f.video(), f.method(),
                f.compression(), f.split(), f.identity(), f.sourceIdentity(), f.frame(), null);
        assertEquals(new FaceBox(18, 18, 123, 123), synth.faceBox(noBox, 160, 160));
        assertEquals(f.box(), synth.faceBox(f, 160, 160));
    }
}
