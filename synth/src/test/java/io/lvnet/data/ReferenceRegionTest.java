package io.lvnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.synth.Method;
import io.lvnet.synth.SynthGenerator;
import io.lvnet.synth.SynthOptions;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSPSL's reference region: parsing, and the union of several parts. */
class ReferenceRegionTest {
    @TempDir
    Path dir;

    @Test
    void parsesPartsAndRefusesOthers() {
        assertEquals(List.of("mouth", "nose"), ReferenceRegion.parse("mouth + nose").parts());
        assertEquals("mouth", ReferenceRegion.MOUTH.toString());
        assertThrows(IllegalArgumentException.class, () -> ReferenceRegion.parse("chin"));
        assertThrows(IllegalArgumentException.class, () -> ReferenceRegion.parse("mouth+mouth"));
        assertThrows(IllegalArgumentException.class, () -> ReferenceRegion.parse(""));
    }

    @Test
    void aUnionIsThePixelwiseMaximumOfItsParts() throws Exception {
        Path d = dir.resolve("synth");
        new SynthGenerator(new SynthOptions(4, 1, 1, 96, 5, List.of(CompressionLevel.NONE), List.of(Method.FACESWAP), false, 1))
                .generate(d, "test", done -> { });
        CanonicalDataset ds = CanonicalDataset.open(d);
        FrameRecord f = ds.frames(Split.TRAIN).get(0);
        try (Mat mouth = ds.readRegion(f, "mouth"); Mat nose = ds.readRegion(f, "nose");
                Mat union = ReferenceRegion.parse("mouth+nose").read(ds, f);
                UByteIndexer a = mouth.createIndexer(); UByteIndexer b = nose.createIndexer();
                UByteIndexer u = union.createIndexer()) {
            int inMouth = 0;
            int inNose = 0;
            for (int y = 0; y < union.rows(); y++) {
                for (int x = 0; x < union.cols(); x++) {
                    assertEquals(Math.max(a.get(y, x), b.get(y, x)), u.get(y, x));
                    inMouth += a.get(y, x) > 0 ? 1 : 0;
                    inNose += b.get(y, x) > 0 ? 1 : 0;
                }
            }
            assertTrue(inMouth > 0 && inNose > 0, "both parts cover some pixels");
        }
    }
}
