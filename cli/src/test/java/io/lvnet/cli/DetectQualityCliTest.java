package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faces too small or too blurred to judge are inconclusive, with the reason and the measurements. */
class DetectQualityCliTest {
    @TempDir
    static Path dir;
    static Path weights;

    @BeforeAll
    static void tinyWeights() throws Exception {
        weights = TinyWeights.in(dir);
    }

    private static Path picture(String name, int size, boolean detailed) throws Exception {
        Random r = new Random(name.hashCode());
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int v = detailed ? r.nextInt(256) : 120 + x / 16; // nearly flat: no detail to judge
                img.setRGB(x, y, v * 0x010101);
            }
        }
        Path p = dir.resolve(name + ".png");
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    @Test
    void poorFacesAreInconclusiveWithTheirReasonUnlessEveryFaceIsToBeJudged() throws Exception {
        Path sharp = picture("sharp", 96, true);
        Path flat = picture("flat", 96, false);
        Path tiny = picture("tiny", 30, true);
        CliRun r = CliRun.of("detect", "-w", weights.toString(), "--face", "none", "--json", sharp.toString(), flat.toString(),
                tiny.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode files = new ObjectMapper().readTree(r.out()).get("files");
        JsonNode judged = files.at("/0/faces/0");
        assertNotEquals("inconclusive", judged.get("verdict").asText(), judged.toString());
        assertTrue(judged.at("/quality/sharpness").asDouble() > 1000, judged.toString());
        assertTrue(judged.at("/quality/reason").isMissingNode() && judged.get("verdict_reason") == null, judged.toString());

        JsonNode blurred = files.at("/1/faces/0");
        assertEquals("inconclusive", blurred.get("verdict").asText());
        assertTrue(blurred.get("verdict_reason").asText().startsWith("face too blurred to judge: sharpness 0."), blurred.toString());
        assertEquals(1.0, blurred.at("/quality/blockiness").asDouble(), 0.05, blurred.toString());
        JsonNode small = files.at("/2/faces/0");
        assertEquals("inconclusive", small.get("verdict").asText());
        assertEquals("face too small to judge: 30 px, needs 40", small.get("verdict_reason").asText());
        assertEquals(30, small.at("/quality/face_px").asInt());

        CliRun all = CliRun.of("detect", "-w", weights.toString(), "--face", "none", "--json", "--judge-every-face",
                flat.toString(), tiny.toString());
        assertEquals(0, all.status(), all.err());
        for (JsonNode f : new ObjectMapper().readTree(all.out()).get("files")) {
            assertNotEquals("inconclusive", f.at("/faces/0/verdict").asText(), f.toString());
        }
        CliRun looser = CliRun.of("detect", "-w", weights.toString(), "--face", "none", "--json", "--min-face-px", "20",
                tiny.toString());
        assertNotEquals("inconclusive", new ObjectMapper().readTree(looser.out()).at("/files/0/faces/0/verdict").asText());
        CliRun bad = CliRun.of("detect", "-w", weights.toString(), "--face", "none", "--max-blockiness", "0.5", tiny.toString());
        assertEquals(2, bad.status(), bad.err());
        assertTrue(Files.exists(tiny));
    }
}
