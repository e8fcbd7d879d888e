package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.landmarks.LandmarkGoldens;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code detect --align}: faces turned upright before they are scored, boxes and maps still in the picture's pixels. */
class DetectAlignCliTest {
    @TempDir
    static Path dir;
    static Path weights;

    @BeforeAll
    static void tinyWeights() throws Exception {
        weights = TinyWeights.in(dir);
    }

    /** The face of the golden photo, upright and turned by 12 degrees. */
    private static JsonNode[] faces(String... extra) throws Exception {
        String[] args = new String[6 + extra.length];
        System.arraycopy(new String[] {"detect", "-w", weights.toString(), "--json",
            LandmarkGoldens.image("photo.png").toString(), LandmarkGoldens.image("photo_rot12.png").toString()}, 0, args, 0, 6);
        System.arraycopy(extra, 0, args, 6, extra.length);
        CliRun r = CliRun.of(args);
        assertEquals(0, r.status(), r.err());
        JsonNode files = new ObjectMapper().readTree(r.out()).get("files");
        return new JsonNode[] {files.at("/0/faces/0"), files.at("/1/faces/0")};
    }

    private static double degrees(JsonNode map) {
        return Math.toDegrees(Math.atan2(map.get(3).asDouble(), map.get(0).asDouble()));
    }

    @Test
    void alignedFacesMapTheirInputBackOntoThePictureTurnedAsTheFaceIs() throws Exception {
        JsonNode[] box = faces("--largest");
        JsonNode[] aligned = faces("--largest", "--align");
        for (int i = 0; i < 2; i++) {
            assertEquals(box[i].get("box"), aligned[i].get("box"), "the box is the detector's, in the picture");
            assertEquals(6, aligned[i].get("input_to_image").size(), aligned[i].toString());
            assertEquals(0.0, degrees(box[i].get("input_to_image")), 1e-9, "a box crop does not turn");
            assertTrue(aligned[i].has("parts"), aligned[i].toString());
        }
        double turn = degrees(aligned[1].get("input_to_image")) - degrees(aligned[0].get("input_to_image"));
        assertEquals(12.0, Math.abs(turn), 2.0, "the turned photo's crop is turned back by its 12 degrees");
        // the model input's centre lies on the face in the picture
        JsonNode m = aligned[1].get("input_to_image");
        double u = 48;
        double x = m.get(0).asDouble() * u + m.get(1).asDouble() * u + m.get(2).asDouble();
        double y = m.get(3).asDouble() * u + m.get(4).asDouble() * u + m.get(5).asDouble();
        JsonNode b = aligned[1].get("box");
        assertTrue(x > b.get(0).asInt() && x < b.get(0).asInt() + b.get(2).asInt()
                && y > b.get(1).asInt() && y < b.get(1).asInt() + b.get(3).asInt(), x + "," + y + " outside " + b);
    }

    @Test
    void alignmentNeedsFacesToFind() throws Exception {
        CliRun r = CliRun.of("detect", "-w", weights.toString(), "--face", "none", "--align",
                LandmarkGoldens.image("photo.png").toString());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--align needs faces to find"), r.err());
        assertTrue(r.status() != 0);
    }
}
