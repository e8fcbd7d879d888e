package io.lvnet.data.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Raster;
import io.lvnet.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DeepfakeBench's frames, masks and landmarks folders with its dataset JSON. */
class DeepfakeBenchDatasetTest {
    @TempDir
    Path dir;
    Path rgb;

    private static final String FF = "FaceForensics++/";
    private static final String REAL = FF + "original_sequences/youtube/c23/";
    private static final String DF = FF + "manipulated_sequences/Deepfakes/c23/";
    private static final String FS = FF + "manipulated_sequences/FaceSwap/";

    /**
     * FF++ at c23: real 000 (frames 000, 010, with landmarks), Deepfakes 000_003 (masks beside
     * the frames), FaceSwap 000_003 at c23 and c40 (masks only at c23, listed in the JSON as
     * DeepfakeBench lists them), FaceSwap 001_002 without masks.
     */
    @BeforeEach
    void frames() throws IOException {
        rgb = dir.resolve("rgb");
        for (String f : new String[] {"000", "010"}) {
            try (Mat real = TinyImages.face(40); Mat fake = TinyImages.face(200); Mat mask = TinyImages.mask(4, 6, 10)) {
                TinyImages.write(rgb.resolve(REAL + "frames/000/" + f + ".png"), real);
                TinyImages.landmarks(rgb.resolve(REAL + "landmarks/000/" + f + ".npy"), 16, 10, new int[] {16, 24});
                TinyImages.write(rgb.resolve(DF + "frames/000_003/" + f + ".png"), fake);
                TinyImages.write(rgb.resolve(DF + "masks/000_003/" + f + ".png"), mask);
                TinyImages.write(rgb.resolve(FS + "c23/frames/000_003/" + f + ".png"), fake);
                TinyImages.write(rgb.resolve(FS + "c40/frames/000_003/" + f + ".png"), fake);
                TinyImages.write(rgb.resolve(FS + "c23/masks/000_003/" + f + ".png"), mask);
                TinyImages.write(rgb.resolve(FS + "c23/frames/001_002/" + f + ".png"), fake);
            }
        }
    }

    /** The index, its frame paths written Windows-style under a prefix ("datasets\rgb\"), as released JSONs are. */
    private Path ffIndex() throws IOException {
        String json = """
                {"FaceForensics++": {
                  "FF-real": {"train": {"c23": {"000": {"label": "FF-real", "frames": [%s]}}}, "val": {"c23": {}}, "test": {"c23": {}}},
                  "FF-DF": {"train": {"c23": {"000_003": {"label": "FF-DF", "frames": [%s]}}}},
                  "FF-FS": {"test": {
                     "c23": {"000_003": {"label": "FF-FS", "frames": [%s], "masks": [%s]},
                             "001_002": {"label": "FF-FS", "frames": [%s], "masks": []}},
                     "c40": {"000_003": {"label": "FF-FS", "frames": [%s], "masks": [%s]}}}}}}
                """.formatted(paths(REAL + "frames/000"), paths(DF + "frames/000_003"), paths(FS + "c23/frames/000_003"),
                paths(FS + "c23/masks/000_003"), paths(FS + "c23/frames/001_002"), paths(FS + "c40/frames/000_003"),
                paths(FS + "c23/masks/000_003"));
        return Files.writeString(dir.resolve("FaceForensics++.json"), json);
    }

    /** Frame 010 before 000, to check the order by number. */
    private static String paths(String folder) {
        // one backslash per separator in the decoded JSON: "\\" in its text
        String win = ("datasets/rgb/" + folder).replace("/", "\\\\");
        return "\"" + win + "\\\\010.png\", \"" + win + "\\\\000.png\"";
    }

    @Test
    void labelsMethodsSplitsCompressionAndMasksComeOutRight() throws IOException {
        DeepfakeBenchDataset ds = DeepfakeBenchDataset.open(rgb, ffIndex());
        assertEquals(10, ds.frames().size());
        List<FrameRecord> real = ds.frames().stream().filter(f -> f.video().equals("000")).toList();
        assertEquals(List.of(0, 10), real.stream().map(FrameRecord::frame).toList(), "ordered by frame number");
        assertEquals(REAL + "frames/000/000.png", real.get(0).image(), "Windows paths under a prefix, found under rgb");
        assertEquals(0, real.get(0).label());
        assertEquals(FrameRecord.ORIGINAL, real.get(0).method());
        assertEquals(Split.TRAIN, real.get(0).split());
        assertEquals(CompressionLevel.LIGHT, real.get(0).compression());
        FrameRecord df = ds.frames().stream().filter(f -> f.method().equals("Deepfakes")).findFirst().orElseThrow();
        assertEquals(1, df.label());
        assertEquals("000", df.identity());
        assertEquals("003", df.sourceIdentity());
        assertEquals(DF + "masks/000_003/000.png", df.mask(), "the mask beside the frame");
        List<FrameRecord> fs = ds.frames().stream().filter(f -> f.method().equals("FaceSwap")).toList();
        assertEquals(6, fs.size());
        for (FrameRecord f : fs) {
            assertEquals(Split.TEST, f.split());
            if (f.video().equals("001_002")) {
                assertNull(f.mask(), "no mask anywhere: unknown");
            } else {
                assertTrue(f.mask().startsWith(FS + "c23/masks/000_003/"), "c40 frames take the listed c23 masks: " + f.mask());
            }
        }
        assertTrue(fs.stream().anyMatch(f -> f.compression() == CompressionLevel.HEAVY));
        try (Mat image = ds.readImage(df); Mat mask = ds.readMask(df, image); Mat realImage = ds.readImage(real.get(0));
                Mat realMask = ds.readMask(real.get(0), realImage)) {
            assertEquals(200, Raster.of(image).at(3, 3, 0));
            assertEquals(100, Raster.of(mask).countSet(), "binarised: the square, not the grey noise row");
            assertEquals(1, mask.channels());
            assertEquals(0, Raster.of(realMask).countSet());
        }
        FrameRecord noMask = fs.stream().filter(f -> f.mask() == null).findFirst().orElseThrow();
        assertThrows(IllegalStateException.class, () -> ds.readMask(noMask, null));
    }

    @Test
    void regionsComeFromTheLandmarkFiles() throws IOException {
        DeepfakeBenchDataset ds = DeepfakeBenchDataset.open(rgb, ffIndex());
        FrameRecord real = ds.frames().stream().filter(f -> f.video().equals("000")).findFirst().orElseThrow();
        FrameRecord fake = ds.frames().stream().filter(f -> f.method().equals("Deepfakes")).findFirst().orElseThrow();
        assertTrue(ds.regionsKnown(real));
        assertFalse(ds.regionsKnown(fake), "no landmarks for this one");
        try (Mat mouth = ds.readRegion(real, "mouth"); Mat eyes = ds.readRegion(real, "eyes")) {
            Raster m = Raster.of(mouth);
            assertEquals(TinyImages.SIZE, m.width());
            assertEquals(255, m.at(16, 24, 0), "around the mouth's landmarks");
            assertEquals(0, m.at(16, 10, 0), "not at the eyes");
            assertEquals(255, Raster.of(eyes).at(16, 10, 0));
        }
        assertThrows(IllegalStateException.class, () -> ds.readRegion(fake, "mouth"));
    }

    @Test
    void celebDfStyleIndexesListVideosWithoutACompressionLevel() throws IOException {
        String base = "Celeb-DF-v2/Celeb-real/frames/id0_0000/";
        String fakeBase = "Celeb-DF-v2/Celeb-synthesis/frames/id0_id1_0000/";
        try (Mat face = TinyImages.face(90)) {
            TinyImages.write(rgb.resolve(base + "000.png"), face);
            TinyImages.write(rgb.resolve(fakeBase + "000.png"), face);
        }
        Path index = Files.writeString(dir.resolve("Celeb-DF-v2.json"), """
                {"Celeb-DF-v2": {
                  "CelebDFv2_real": {"train": {}, "val": {"id0_0000": {"label": "CelebDFv2_real", "frames": ["%1$s"]}},
                                     "test": {"id0_0000": {"label": "CelebDFv2_real", "frames": ["%1$s"]}}},
                  "CelebDFv2_fake": {"test": {"id0_id1_0000": {"label": "CelebDFv2_fake", "frames": ["%2$s"]}},
                                     "val": {"label": "CelebDFv2_fake", "frames": ["%2$s"]}}}}
                """.formatted("/home/someone/DeepfakeBench/datasets/rgb/" + base + "000.png", "/home/someone/DeepfakeBench/datasets/rgb/" + fakeBase + "000.png"));
        DeepfakeBenchDataset ds = DeepfakeBenchDataset.open(rgb, index);
        assertEquals(3, ds.frames().size(), "the real video in val and test; the fake's malformed val skipped");
        assertEquals(2, ds.frames(Split.TEST).size());
        FrameRecord fake = ds.frames(Split.TEST).stream().filter(FrameRecord::fake).findFirst().orElseThrow();
        assertEquals("CelebDFv2_fake", fake.method());
        assertEquals("id0", fake.identity());
        assertEquals("id1", fake.sourceIdentity());
        assertEquals(CompressionLevel.NONE, fake.compression());
        assertEquals(fakeBase + "000.png", fake.image(), "an absolute prefix from another machine is dropped");
        assertNull(fake.mask());
    }

    @Test
    void badInputsGiveOneClearMessage() throws IOException {
        IOException missing = assertThrows(IOException.class, () -> DeepfakeBenchDataset.open(rgb, dir.resolve("none.json")));
        assertTrue(missing.getMessage().contains("none.json: no such file (DeepfakeBench's dataset JSON"), missing.getMessage());
        String[][] cases = {
            {"{\"FaceForensics++\": {\"FF-real\": {\"train\": {\"c23\": {\"000\": {\"frames\": [}}}}}}", "not valid JSON (line 1, column"},
            {"[1, 2]", "expected {\"<data set>\""},
            {"{\"FaceForensics++\": {\"FF-real\": {\"training\": {}}}}", "FaceForensics++/FF-real: unknown split 'training'"},
            {"{\"FaceForensics++\": {\"FF-real\": {\"train\": {\"c99\": {}}}}}", "FaceForensics++/FF-real/train/c99: expected a compression level"},
            {"{\"FaceForensics++\": {\"FF-real\": {\"train\": {\"c23\": {\"000\": {\"frames\": 3}}}}}}", "000: expected {\"label\", \"frames\": [paths]}"},
            {"{\"FaceForensics++\": {\"FF-real\": {\"train\": {\"c23\": {\"000\": {\"frames\": [\"elsewhere/000/000.png\"]}}}}}}",
                "cannot find the frames of"},
        };
        for (String[] c : cases) {
            Path index = Files.writeString(dir.resolve("bad.json"), c[0]);
            IOException e = assertThrows(IOException.class, () -> DeepfakeBenchDataset.open(rgb, index), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }
}
