package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.data.CanonicalDatasetWriter;
import io.lvnet.data.CanonicalLayout;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Split;
import io.lvnet.synth.Portraits;
import io.lvnet.blend.RenderedFrame;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lvnet bench --faces} and the shared --detector option. */
class FaceBenchCliTest {
    private static final String PHOTO = Path.of("..", "shared", "goldens", "landmarks", "photo.png").toString();

    @TempDir
    Path tmp;

    /** Three rendered people as the real test frames of a data set in the canonical layout. */
    private Path dataset() throws Exception {
        Path dir = tmp.resolve("faces");
        CanonicalDatasetWriter w = CanonicalDatasetWriter.create(dir);
        for (int i = 0; i < 3; i++) {
            RenderedFrame f = Portraits.render(40 + i, 160);
            String video = "00" + i;
            String image = CanonicalLayout.frame(CompressionLevel.NONE, FrameRecord.ORIGINAL, video, 0);
            w.write(image, f.image().png());
            w.add(new FrameRecord(image, null, null, 0, video, FrameRecord.ORIGINAL, CompressionLevel.NONE, Split.TEST,
                    "id" + i, null, 0, f.box()));
        }
        w.finish(Map.of("source", "test"));
        return dir;
    }

    @Test
    void measuresTheChosenDetectorOnADataSetAndOnPictures() throws Exception {
        CliRun r = CliRun.of("bench", "--faces", "--detector", "blazeface", "-d", dataset().toString(), "--json", PHOTO);
        assertEquals(0, r.status(), r.err());
        JsonNode detectors = new ObjectMapper().readTree(r.out()).get("detectors");
        assertEquals(1, detectors.size());
        JsonNode d = detectors.get(0);
        assertEquals("blazeface", d.get("detector").asText());
        assertEquals(3, d.get("dataset").get("faces").asInt());
        assertEquals(3, d.get("dataset").get("found").asInt());
        assertEquals(0, d.get("dataset").get("duplicates").asInt());
        assertTrue(d.get("dataset").get("meanIou").asDouble() > 0.8, d.toString());
        assertEquals(1, d.get("pictures").get(0).get("boxes").size());
    }

    @Test
    void comparesEveryBundledDetectorUnlessOneIsNamed() {
        CliRun r = CliRun.of("bench", "--faces", PHOTO);
        assertEquals(0, r.status(), r.err());
        for (String name : new String[] {"blazeface (", "blazeface-short (", "haar ("}) {
            assertTrue(r.out().contains(name), r.out());
        }
        assertTrue(r.out().contains("photo.png: 1 box(es)"), r.out());
    }

    @Test
    void badDetectorChoicesAreUsageErrors() {
        CliRun unknown = CliRun.of("bench", "--faces", "--detector", "dlib", PHOTO);
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown face detector 'dlib'"), unknown.err());
        CliRun both = CliRun.of("bench", "--faces", "--detector", "haar", "--detector-model", "yunet.onnx", PHOTO);
        assertEquals(2, both.status());
        assertTrue(both.err().contains("exclude each other"), both.err());
        CliRun odd = CliRun.of("bench", "--faces", "--detector-model", "model.bin", PHOTO);
        assertEquals(2, odd.status());
        CliRun missing = CliRun.of("bench", "--faces", "--detector-model", tmp.resolve("yunet.onnx").toString(), PHOTO);
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("yunet.onnx: no such file"), missing.err());
        assertEquals(1, missing.err().lines().count(), missing.err());
        CliRun nothing = CliRun.of("bench", "--faces");
        assertEquals(2, nothing.status());
        CliRun stray = CliRun.of("bench", PHOTO);
        assertEquals(2, stray.status());
    }

    @Test
    void detectServeAndPrepareTakeTheDetectorOption() {
        for (String command : new String[] {"detect", "serve", "prepare"}) {
            CliRun help = CliRun.of(command, "--help");
            assertTrue(help.out().contains("--detector=NAME"), command + ": " + help.out());
            assertTrue(help.out().contains("--detector-model=FILE"), command + ": " + help.out());
        }
        CliRun bad = CliRun.of("detect", "--weights", "w.safetensors", "--detector", "nope", PHOTO);
        assertEquals(2, bad.status());
    }
}
