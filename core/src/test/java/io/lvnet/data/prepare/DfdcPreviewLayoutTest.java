package io.lvnet.data.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** DFDC preview's dataset.json: labels, sets, the carved validation split, bad entries and files. */
class DfdcPreviewLayoutTest {
    @TempDir
    Path root;

    /** Eight people, each with a real video and a method_A fake (train), person 7's in test, plus a method_B test fake. */
    private String index() throws IOException {
        StringBuilder json = new StringBuilder("{");
        for (int p = 0; p < 8; p++) {
            String set = p == 7 ? "test" : "train";
            String real = "original_videos/" + p + "/" + p + "_A_001.mp4";
            String fake = "method_A/" + p + "/" + p + "_A/9" + p + "_A_001.mp4";
            Fixtures.touch(root, real, fake);
            json.append('"').append(real).append("\": {\"label\": \"real\", \"set\": \"").append(set).append("\"},");
            json.append('"').append(fake).append("\": {\"label\": \"fake\", \"set\": \"").append(set)
                    .append("\", \"augmentations\": {}},");
        }
        Fixtures.touch(root, "method_B/3/3_B/77_B_002.mp4");
        json.append("\"method_B/3/3_B/77_B_002.mp4\": {\"label\": \"fake\", \"set\": \"test\", \"target_id\": \"3\"}");
        return json.toString();
    }

    @Test
    void labelsAndSetsComeFromTheIndexAndValIsCarvedFromTrainByPerson() throws IOException {
        Files.writeString(root.resolve("dataset.json"), index() + "}");
        DatasetListing l = new DfdcPreviewLayout().list(root);
        assertEquals(List.of(), l.problems());
        assertEquals(17, l.videos().size());
        Map<String, VideoSource> v = Fixtures.byName(l);
        VideoSource b = v.get("method_B/none/3_3_B_77_B_002");
        assertEquals(1, b.label());
        assertEquals(Split.TEST, b.split(), "set test: test, whatever its person's split");
        assertEquals("3", b.identity());
        VideoSource real = v.get("original/none/0_0_A_001");
        assertEquals(0, real.label());
        assertEquals(FrameRecord.ORIGINAL, real.method());
        assertEquals("0", real.identity(), "the folder per person");
        assertEquals(Split.TEST, v.get("method_A/none/7_7_A_97_A_001").split());
        Map<String, Split> personSplit = new HashMap<>();
        for (VideoSource s : l.videos()) {
            if (s.split() != Split.TEST) {
                Split before = personSplit.putIfAbsent(s.identity(), s.split());
                assertTrue(before == null || before == s.split(), s.identity() + " in train and val");
            }
        }
        assertTrue(personSplit.containsValue(Split.VAL) && personSplit.containsValue(Split.TRAIN), personSplit.toString());
    }

    @Test
    void unusableEntriesAreCountedAndTheRestIsUsed() throws IOException {
        Files.writeString(root.resolve("dataset.json"), index() + """
                , "method_A/9/9_A/gone.mp4": {"label": "fake", "set": "train"},
                  "original_videos/8/8.mp4": {"label": "maybe", "set": "train"},
                  "original_videos/8/9.mp4": {"label": "real", "set": "holdout"},
                  "../outside.mp4": {"label": "real", "set": "train"},
                  "original_videos/8/10.mp4": "real"}
                """);
        DatasetListing l = new DfdcPreviewLayout().list(root);
        assertEquals(17, l.videos().size());
        assertEquals(5, l.problems().size(), l.problems().toString());
        String all = String.join("\n", l.problems());
        assertTrue(all.contains("listed in the index but missing"), all);
        assertTrue(all.contains("label must be \"real\" or \"fake\", found \"maybe\""), all);
        assertTrue(all.contains("set must be \"train\" or \"test\", found \"holdout\""), all);
        assertTrue(all.contains("inside the data set"), all);
        assertTrue(all.contains("expected {\"label\""), all);
    }

    @Test
    void aMissingOrMalformedIndexGivesOneClearError() throws IOException {
        IOException missing = assertThrows(IOException.class, () -> new DfdcPreviewLayout().list(root));
        assertTrue(missing.getMessage().contains("dataset.json is missing"), missing.getMessage());
        Files.writeString(root.resolve("dataset.json"), "{\"a.mp4\": {\"label\": \"real\",, }");
        IOException malformed = assertThrows(IOException.class, () -> new DfdcPreviewLayout().list(root));
        assertTrue(malformed.getMessage().contains("dataset.json: not valid JSON (line 1, column"), malformed.getMessage());
        assertEquals(1, malformed.getMessage().lines().count());
        Files.writeString(root.resolve("dataset.json"), "[1, 2]");
        IOException list = assertThrows(IOException.class, () -> new DfdcPreviewLayout().list(root));
        assertTrue(list.getMessage().contains("expected an object mapping video paths"), list.getMessage());
    }
}
