package io.lvnet.data.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.FrameRecord;
import io.lvnet.data.Raster;
import io.lvnet.data.Split;
import io.lvnet.train.DatasetBatches;
import io.lvnet.data.HostBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference's face | mask | mask images with FF++ pair lists. */
class CompositeDatasetTest {
    @TempDir
    Path dir;
    Path root;
    Path splits;

    /**
     * Pairs [000, 001] (train) and [002, 003] (val), real folders and Deepfakes / Face2Face_v1
     * fakes, frames 0000 and 0003; a fake folder of a pair in no list. Faces are flat grey
     * levels (real 40, fake 200); fake masks a 10-pixel white square at (4, 6).
     */
    @BeforeEach
    void composites() throws IOException {
        root = dir.resolve("composites");
        for (String pair : new String[] {"000_001", "001_000", "002_003", "003_002"}) {
            for (String frame : new String[] {"0000", "0003"}) {
                try (Mat real = TinyImages.face(40); Mat fake = TinyImages.face(200);
                        Mat none = new Mat(TinyImages.SIZE, TinyImages.SIZE, real.type(), org.bytedeco.opencv.opencv_core.Scalar.all(0));
                        Mat mask = TinyImages.mask(4, 6, 10)) {
                    TinyImages.composite(root.resolve("youtube/" + pair + ".mp4/" + frame + ".png"), real, none);
                    String method = pair.startsWith("00") && pair.compareTo("002") < 0 ? "Deepfakes" : "Face2Face_v1";
                    TinyImages.composite(root.resolve(method + "/" + pair + ".mp4/" + frame + ".png"), fake, mask);
                }
            }
        }
        try (Mat fake = TinyImages.face(200); Mat mask = TinyImages.mask(0, 0, 4)) {
            TinyImages.composite(root.resolve("Deepfakes/008_009.mp4/0000.png"), fake, mask);
        }
        splits = Files.createDirectories(dir.resolve("splits"));
        Files.writeString(splits.resolve("train.json"), "[[\"000\", \"001\"]]");
        Files.writeString(splits.resolve("val.json"), "[[\"002\", \"003\"]]");
        Files.writeString(splits.resolve("test.json"), "[]");
    }

    private CompositeDataset open() throws IOException {
        return CompositeDataset.open(root, Map.of(Split.TRAIN, splits.resolve("train.json"),
                Split.VAL, splits.resolve("val.json"), Split.TEST, splits.resolve("test.json")));
    }

    @Test
    void foldersGiveLabelsMethodsVideosAndTheListsGiveSplits() throws IOException {
        CompositeDataset ds = open();
        assertEquals(16, ds.frames().size(), "008_009 is in no list and left out, as the reference leaves it");
        Map<String, List<FrameRecord>> byMethod = ds.frames().stream()
                .collect(Collectors.groupingBy(FrameRecord::method, TreeMap::new, Collectors.toList()));
        assertEquals(List.of("Deepfakes", "Face2Face", "original"), List.copyOf(byMethod.keySet()),
                "the reference's _v1 suffix is dropped");
        for (FrameRecord f : ds.frames()) {
            assertEquals(f.method().equals(FrameRecord.ORIGINAL) ? 0 : 1, f.label(), f.image());
            assertEquals(f.image().contains("002_003") || f.image().contains("003_002") ? Split.VAL : Split.TRAIN, f.split());
            assertTrue(f.frame() == 0 || f.frame() == 3, "frame numbers from the file names: " + f.image());
        }
        FrameRecord real = ds.frames().stream().filter(f -> f.image().equals("youtube/001_000.mp4/0003.png")).findFirst().orElseThrow();
        assertEquals("001", real.video(), "the real folder holds real video 001's frames");
        assertEquals("001", real.identity());
        assertNull(real.mask());
        FrameRecord fake = ds.frames().stream().filter(f -> f.image().equals("Deepfakes/001_000.mp4/0000.png")).findFirst().orElseThrow();
        assertEquals("001_000", fake.video());
        assertEquals("001", fake.identity());
        assertEquals("000", fake.sourceIdentity());
        assertEquals(fake.image(), fake.mask(), "the mask is inside the composite");
        try (Mat face = ds.readImage(fake); Mat mask = ds.readMask(fake, face); Mat realFace = ds.readImage(real);
                Mat realMask = ds.readMask(real, realFace); Mat mouth = ds.readRegion(fake, "mouth")) {
            assertEquals(TinyImages.SIZE, face.cols());
            assertEquals(TinyImages.SIZE, face.rows());
            assertEquals(200, Raster.of(face).at(20, 20, 0), "the left third is the face");
            assertEquals(40, Raster.of(realFace).at(20, 20, 0));
            Raster m = Raster.of(mask);
            assertEquals(1, m.channels());
            assertEquals(100, m.countSet(), "the white square only: the grey noise row is binarised away");
            assertEquals(255, m.at(5, 7, 0));
            assertEquals(0, Raster.of(realMask).countSet());
            Raster r = Raster.of(mouth);
            assertTrue(r.countSet() > 0 && r.at(16, 9, 0) == 0, "a mouth region in the lower part of the assumed face box");
        }
        assertTrue(ds.regionsKnown(fake));
    }

    @Test
    void withoutListsPairsStayTogetherInADeterministicSplit() throws IOException {
        CompositeDataset ds = CompositeDataset.open(root, Map.of());
        assertEquals(17, ds.frames().size(), "every folder, 008_009 included");
        Map<String, Split> byPair = new TreeMap<>();
        for (FrameRecord f : ds.frames()) {
            String[] ids = f.image().split("/")[1].replace(".mp4", "").split("_");
            String pair = ids[0].compareTo(ids[1]) < 0 ? ids[0] + "_" + ids[1] : ids[1] + "_" + ids[0];
            Split before = byPair.putIfAbsent(pair, f.split());
            assertTrue(before == null || before == f.split(), "both people of a pair, real and fake, share a split: " + pair);
        }
        assertEquals(ds.frames(), CompositeDataset.open(root, Map.of()).frames(), "deterministic");
    }

    @Test
    void loadsIntoBatchesWithBinaryMasksAndRegions() throws IOException {
        CompositeDataset ds = open();
        List<FrameRecord> frames = ds.frames(Split.TRAIN);
        try (DatasetBatches b = new DatasetBatches(ds, frames, 32, false, frames.size(), 0, false, true, 1)) {
            HostBatch h = b.epoch(0).next();
            int plane = 32 * 32;
            for (int i = 0; i < h.count(); i++) {
                int set = 0;
                for (int p = 0; p < plane; p++) {
                    float v = h.masks()[i * plane + p];
                    assertTrue(v == 0f || v == 1f);
                    set += (int) v;
                }
                assertEquals(h.labels()[i] == 1 ? 100 : 0, set, "fake: the 10x10 square; real: nothing");
            }
            assertTrue(h.regions() != null);
        }
    }

    @Test
    void badInputsGiveOneClearMessage() throws IOException {
        Files.delete(splits.resolve("val.json"));
        IOException missing = assertThrows(IOException.class, this::open);
        assertTrue(missing.getMessage().contains("val.json: split file missing"), missing.getMessage());
        Files.writeString(splits.resolve("val.json"), "[[\"002\", \"003\"");
        IOException malformed = assertThrows(IOException.class, this::open);
        assertTrue(malformed.getMessage().contains("val.json: not valid JSON (line 1, column"), malformed.getMessage());
        assertEquals(1, malformed.getMessage().lines().count());
        Files.writeString(splits.resolve("val.json"), "{\"002\": 3}");
        IOException shape = assertThrows(IOException.class, this::open);
        assertTrue(shape.getMessage().contains("expected a list of [a, b] pairs"), shape.getMessage());

        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(plain.resolve("a.png"), "x");
        IOException foreign = assertThrows(IOException.class, () -> CompositeDataset.open(plain, Map.of()));
        assertTrue(foreign.getMessage().contains("not a folder of the reference's composite images"), foreign.getMessage());

        Path odd = dir.resolve("odd");
        try (Mat face = TinyImages.face(9)) {
            TinyImages.write(odd.resolve("Deepfakes/000_001.mp4/0000.png"), face);
        }
        CompositeDataset ds = CompositeDataset.open(odd, Map.of());
        IOException width = assertThrows(IOException.class, () -> ds.readImage(ds.frames().get(0)).close());
        assertTrue(width.getMessage().contains("not a face | mask | mask composite: its width 32 is not a multiple of three"),
                width.getMessage());
    }
}
