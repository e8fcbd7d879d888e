package io.lvnet.data.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.FrameRecord;
import io.lvnet.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Celeb-DF's folders and test list: labels, people, splits and the list's bad lines. */
class CelebDfLayoutTest {
    @TempDir
    Path root;

    private void celebDf(String testList) throws IOException {
        for (int i = 0; i < 8; i++) {
            Fixtures.touch(root, "Celeb-real/id" + i + "_0000.mp4", "Celeb-real/id" + i + "_0001.mp4",
                    "Celeb-synthesis/id" + i + "_id" + ((i + 1) % 8) + "_0000.mp4");
        }
        Fixtures.touch(root, "YouTube-real/00000.mp4", "YouTube-real/00001.mp4", "YouTube-real/00002.mp4");
        Files.writeString(root.resolve("List_of_testing_videos.txt"), testList);
    }

    @Test
    void foldersGiveLabelsTheListGivesTestAndTheRestIsSplitByPerson() throws IOException {
        celebDf("""
                1 YouTube-real/00000.mp4
                0 Celeb-synthesis/id2_id3_0000.mp4
                1 Celeb-real/id3_0001.mp4
                """);
        DatasetListing l = new CelebDfLayout().list(root);
        assertEquals(List.of(), l.problems());
        assertEquals(8 * 3 + 3, l.videos().size());
        Map<String, VideoSource> v = Fixtures.byName(l);
        VideoSource fake = v.get("Celeb-synthesis/none/id2_id3_0000");
        assertEquals(1, fake.label());
        assertEquals("id2", fake.identity(), "the target: whose video it is");
        assertEquals("id3", fake.sourceIdentity(), "the face swapped in");
        assertEquals(Split.TEST, fake.split());
        assertEquals(0, v.get("original/none/id3_0001").label());
        assertEquals(Split.TEST, v.get("original/none/id3_0001").split());
        assertEquals(Split.TEST, v.get("original/none/00000").split());
        assertEquals("00000", v.get("original/none/00000").identity(), "each YouTube-real video is its own person");
        assertNull(fake.maskVideo(), "Celeb-DF has no masks");
        long test = l.videos().stream().filter(s -> s.split() == Split.TEST).count();
        assertEquals(3, test, "exactly the listed videos are test");
        // train and val share no one; val is not empty
        Map<String, Split> personSplit = new HashMap<>();
        for (VideoSource s : l.videos()) {
            if (s.split() == Split.TEST) {
                continue;
            }
            Split before = personSplit.putIfAbsent(s.identity(), s.split());
            assertTrue(before == null || before == s.split(), s.identity() + " is in train and val");
        }
        assertTrue(personSplit.containsValue(Split.VAL) && personSplit.containsValue(Split.TRAIN), personSplit.toString());
        assertEquals(l.videos(), new CelebDfLayout().list(root).videos(), "deterministic");
        assertTrue(l.videos().stream().filter(s -> s.label() == 0).allMatch(s -> s.method().equals(FrameRecord.ORIGINAL)));
    }

    @Test
    void badLinesOfTheTestListAreCountedAndTheRestIsUsed() throws IOException {
        celebDf("""
                1 YouTube-real/00000.mp4
                this is not a line of the list
                1 Celeb-real/id9_0000.mp4
                0 Celeb-real/id1_0000.mp4
                1 Elsewhere/x.mp4
                """);
        DatasetListing l = new CelebDfLayout().list(root);
        assertEquals(4, l.problems().size(), l.problems().toString());
        assertTrue(l.problems().get(0).contains("line 2: expected '<1 real|0 fake> <folder>/<video>.mp4'"), l.problems().get(0));
        assertTrue(l.problems().get(1).contains("id9_0000.mp4 is listed for testing but missing"), l.problems().get(1));
        assertTrue(l.problems().get(2).contains("label 0 (fake in this list) but Celeb-real/id1_0000.mp4 is in a real folder"),
                l.problems().get(2));
        assertTrue(l.problems().get(3).contains("unknown folder 'Elsewhere'"), l.problems().get(3));
        VideoSource contradicted = Fixtures.byName(l).get("original/none/id1_0000");
        assertEquals(0, contradicted.label(), "the folder decides the label");
        assertEquals(Split.TEST, contradicted.split(), "and the list the split");
    }

    @Test
    void aMissingListOrAFolderWithoutCelebDfGivesOneClearError() throws IOException {
        Fixtures.touch(root, "Celeb-real/id0_0000.mp4");
        IOException missing = assertThrows(IOException.class, () -> new CelebDfLayout().list(root));
        assertTrue(missing.getMessage().contains("List_of_testing_videos.txt is missing"), missing.getMessage());
        Path other = Files.createDirectories(root.resolve("other"));
        Fixtures.touch(other, "videos/a.mp4");
        IOException foreign = assertThrows(IOException.class, () -> new CelebDfLayout().list(other));
        assertTrue(foreign.getMessage().contains("not a Celeb-DF folder"), foreign.getMessage());
    }
}
