package io.lvnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalDatasetTest {
    @TempDir
    Path tmp;

    private static final FaceBox BOX = new FaceBox(10, 12, 30, 34);

    private static FrameRecord real(String video, int frame, String identity, Split split) {
        return new FrameRecord(CanonicalLayout.frame(CompressionLevel.LIGHT, FrameRecord.ORIGINAL, video, frame), null,
                CanonicalLayout.regions(FrameRecord.ORIGINAL, video, frame), 0, video, FrameRecord.ORIGINAL,
                CompressionLevel.LIGHT, split, identity, null, frame, BOX);
    }

    private static FrameRecord fake(String video, int frame, String identity, String source, Split split, boolean mask) {
        return new FrameRecord(CanonicalLayout.frame(CompressionLevel.NONE, "Deepfakes", video, frame),
                mask ? CanonicalLayout.mask("Deepfakes", video, frame) : null, null, 1, video, "Deepfakes",
                CompressionLevel.NONE, split, identity, source, frame, null);
    }

    @Test
    void recordsRoundTripThroughTheIndexSortedByImage() throws IOException {
        CanonicalDatasetWriter w = CanonicalDatasetWriter.create(tmp.resolve("ds"));
        List<FrameRecord> records = new ArrayList<>(List.of(
                fake("000_001", 1, "alice", "bob", Split.TRAIN, true),
                real("000", 0, "alice", Split.TRAIN),
                // names with commas and quotes survive CSV quoting
                real("clip, \"take 2\"", 3, "carol", Split.TEST),
                fake("002_000", 0, "carol", "dave", Split.TEST, false)));
        records.forEach(w::add);
        List<FrameRecord> written = w.finish(Map.of("generator", "test"));
        records.sort(Comparator.comparing(FrameRecord::image));
        assertEquals(records, written);

        CanonicalDataset ds = CanonicalDataset.open(tmp.resolve("ds"));
        assertEquals(records, ds.frames());
        assertEquals("lvnet-canonical-dataset", ds.description().path("format").asText());
        assertEquals("test", ds.description().path("generator").asText());
        assertEquals(4, ds.description().path("counts").path("frames").asInt());
        assertEquals(2, ds.description().path("counts").path("fake").asInt());
        assertEquals(2, ds.frames(Split.TEST).size());
        String header = Files.readAllLines(tmp.resolve("ds/index.csv"), StandardCharsets.UTF_8).get(0);
        assertEquals(String.join(",", CanonicalDataset.COLUMNS), header);

        FrameRecord unknown = ds.frames().stream().filter(f -> f.fake() && f.mask() == null).findFirst().orElseThrow();
        assertFalse(unknown.maskKnown());
        assertTrue(ds.frames().stream().filter(f -> !f.fake()).allMatch(FrameRecord::maskKnown));
    }

    @Test
    void aRealFrameWithoutAMaskFileHasAnAllZeroMask() throws IOException {
        CanonicalDatasetWriter w = CanonicalDatasetWriter.create(tmp.resolve("ds"));
        FrameRecord r = real("000", 0, "alice", Split.VAL);
        FrameRecord f = fake("000_001", 0, "alice", "bob", Split.VAL, false);
        w.write(r.image(), Raster.blank(40, 30, 3).png());
        w.add(r);
        w.add(f);
        w.finish(Map.of());
        CanonicalDataset ds = CanonicalDataset.open(tmp.resolve("ds"));
        try (Mat image = ds.readImage(r); Mat mask = ds.readMask(r, image)) {
            assertEquals(40, mask.cols());
            assertEquals(30, mask.rows());
            assertFalse(Raster.of(mask).anySet());
            assertThrows(IllegalStateException.class, () -> ds.readMask(f, image));
            assertThrows(IllegalStateException.class, () -> ds.readRegion(f, "mouth"));
        }
    }

    @Test
    void theWriterRefusesAFolderWithContentAndAnIdentityInTwoSplits() throws IOException {
        Files.createDirectories(tmp.resolve("full"));
        Files.writeString(tmp.resolve("full/x.txt"), "x");
        assertThrows(FileAlreadyExistsException.class, () -> CanonicalDatasetWriter.create(tmp.resolve("full")));

        CanonicalDatasetWriter w = CanonicalDatasetWriter.create(tmp.resolve("leak"));
        w.add(real("000", 0, "alice", Split.TRAIN));
        w.add(fake("001_000", 0, "bob", "alice", Split.TEST, true));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.finish(Map.of()));
        assertTrue(e.getMessage().contains("alice"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("leak/index.csv")));

        CanonicalDatasetWriter twice = CanonicalDatasetWriter.create(tmp.resolve("twice"));
        twice.add(real("000", 0, "alice", Split.TRAIN));
        twice.add(real("000", 0, "alice", Split.TRAIN));
        assertThrows(IllegalStateException.class, () -> twice.finish(Map.of()));
    }

    private Path index(String text) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("idx" + System.nanoTime()));
        Files.writeString(dir.resolve("index.csv"), text);
        return dir;
    }

    @Test
    void malformedIndexRowsAreRejectedWithTheirRow() throws IOException {
        String header = "image,label,video,method,compression,split,identity,frame\n";
        IOException missing = assertThrows(IOException.class, () -> CanonicalDataset.open(index("image,label\n")));
        assertTrue(missing.getMessage().contains("'video'"), missing.getMessage());
        IOException label = assertThrows(IOException.class,
                () -> CanonicalDataset.open(index(header + "a.png,2,v,original,none,train,p,0\n")));
        assertTrue(label.getMessage().contains("row 2"), label.getMessage());
        assertThrows(IOException.class, () -> CanonicalDataset.open(index(header + "../a.png,0,v,original,none,train,p,0\n")));
        assertThrows(IOException.class, () -> CanonicalDataset.open(index(header + "/etc/a.png,0,v,original,none,train,p,0\n")));
        assertThrows(IOException.class, () -> CanonicalDataset.open(index(header + "a.png,0,v,original,c99,train,p,0\n")));
        assertThrows(IOException.class, () -> CanonicalDataset.open(index(header + "a.png,0,v,original,none,dev,p,0\n")));
        assertThrows(NoSuchFileException.class, () -> CanonicalDataset.open(tmp));
    }

    @Test
    void onlyTheEssentialColumnsAreRequiredAndUnknownOnesAreIgnored() throws IOException {
        CanonicalDataset ds = CanonicalDataset.open(index(
                "frame,image,label,video,method,compression,split,identity,extra\n3,a.png,1,v,FaceSwap,c23,test,p,zzz\n"));
        FrameRecord r = ds.frames().get(0);
        assertEquals(new FrameRecord("a.png", null, null, 1, "v", "FaceSwap", CompressionLevel.LIGHT, Split.TEST, "p", null,
                3, null), r);
        assertEquals(0, ds.description().size());
    }

    @Test
    void layoutPathsFollowTheDocumentedScheme() {
        assertEquals("frames/heavy/Face2Face/004_009/0012.png",
                CanonicalLayout.frame(CompressionLevel.HEAVY, "Face2Face", "004_009", 12));
        assertEquals("masks/Face2Face/004_009/0012.png", CanonicalLayout.mask("Face2Face", "004_009", 12));
        assertEquals("regions/original/004/0000_eyes.png", CanonicalLayout.region("eyes", "original", "004", 0));
        assertEquals("original_sequences/youtube/raw/videos/004.mp4",
                CanonicalLayout.video(FrameRecord.ORIGINAL, CompressionLevel.NONE, "004"));
        assertEquals("manipulated_sequences/Deepfakes/c40/videos/004_009.mp4",
                CanonicalLayout.video("Deepfakes", CompressionLevel.HEAVY, "004_009"));
        assertEquals("manipulated_sequences/Deepfakes/masks/videos/004_009.mp4",
                CanonicalLayout.maskVideo("Deepfakes", "004_009"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalLayout.mask("a/b", "v", 0));
        assertThrows(IllegalArgumentException.class, () -> CanonicalLayout.mask("m", "..", 0));
    }

    @Test
    void identitySplitsAreDisjointDeterministicAndHoldTwoOrMorePerHeldOutSplit() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add("p" + i);
        }
        Map<String, Split> a = IdentitySplits.assign(names, 5);
        assertEquals(a, IdentitySplits.assign(names, 5));
        assertEquals(20, a.size());
        assertEquals(3, a.values().stream().filter(s -> s == Split.TEST).count());
        assertEquals(3, a.values().stream().filter(s -> s == Split.VAL).count());
        assertEquals(2, IdentitySplits.assign(names.subList(0, 6), 1).values().stream()
                .filter(s -> s == Split.VAL).count());
        assertTrue(IdentitySplits.assign(names.subList(0, 5), 1).values().stream().allMatch(s -> s == Split.TRAIN));
    }
}
