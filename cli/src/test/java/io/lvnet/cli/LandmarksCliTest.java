package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.data.OpenCvImages;
import io.lvnet.landmarks.LandmarkGoldens;
import io.lvnet.landmarks.LandmarkReport;
import io.lvnet.landmarks.ShapePredictorFile;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lvnet landmarks} and {@code lvnet bench --landmarks}. */
class LandmarksCliTest {
    @TempDir
    Path dir;

    @Test
    void aGivenBoxGivesDlibsPointsAsJsonAndAPictureOfTheFace() throws Exception {
        // the golden row "photo.png, given": dlib's rectangle [150, 120, 389, 369] is x, y, w, h 150,120,240,250
        LandmarkGoldens.Face golden = LandmarkGoldens.faces().stream()
                .filter(f -> f.image().equals("photo.png") && f.boxesFrom().equals("given")).findFirst().orElseThrow();
        assertArrayEquals(new long[] {150, 120, 389, 369}, golden.box());
        Path image = LandmarkGoldens.image("photo.png");
        Path out = dir.resolve("pictures");
        CliRun r = CliRun.of("landmarks", "--json", "--box", "150,120,240,250", "--out", out.toString(), image.toString());
        assertEquals(0, r.status(), r.err());

        LandmarkReport report = LandmarkReport.fromJson(r.out());
        assertEquals(1, report.files().size());
        LandmarkReport.FileEntry file = report.files().get(0);
        assertEquals(image.toString(), file.path());
        assertNull(file.error());
        assertEquals(1, file.faces().size());
        LandmarkReport.FaceEntry face = file.faces().get(0);
        assertArrayEquals(new int[] {150, 120, 240, 250}, face.box());
        assertEquals(68, face.points().length);
        assertArrayEquals(golden.points(), face.points());
        assertEquals(List.of("mouth", "eyes", "nose"), List.copyOf(face.regions().keySet()));
        // the JSON's fields, as documented
        JsonNode json = new ObjectMapper().readTree(r.out()).get("files").get(0);
        assertTrue(json.has("path") && json.has("faces") && !json.has("error"), r.out());
        assertEquals(2, json.get("faces").get(0).get("points").get(0).size());

        List<Path> pictures;
        try (Stream<Path> s = Files.list(out)) {
            pictures = s.toList();
        }
        assertEquals(List.of(out.resolve("0000_photo_face0.png")), pictures);
        try (Mat picture = OpenCvImages.readBgr(pictures.get(0))) {
            assertEquals(480, Math.max(picture.cols(), picture.rows()));
        }
    }

    @Test
    void facesAreFoundWhenNoBoxIsGivenAndUnreadablePicturesFailTheirEntry() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.png"), "not a picture");
        CliRun r = CliRun.of("landmarks", LandmarkGoldens.image("rendered_000.png").toString(), broken.toString());
        assertEquals(1, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].contains("rendered_000.png\tface 0 box ") && lines[0].contains("\tmouth "), lines[0]);
        assertTrue(lines[1].startsWith(broken + "\terror: "), lines[1]);
    }

    @Test
    void aMissingTruncatedOrForeignModelEndsWithOneLine() throws Exception {
        Path image = LandmarkGoldens.image("photo.png");
        CliRun missing = CliRun.of("landmarks", "--model", dir.resolve("none.dat").toString(), "--box", "1,1,9,9", image.toString());
        assertOneErrorLine(missing, "apt-get install libdlib-data");

        byte[] head = new byte[50_000];
        try (InputStream in = Files.newInputStream(ShapePredictorFile.DEBIAN_MODEL)) {
            assertEquals(head.length, in.readNBytes(head, 0, head.length));
        }
        Path cut = Files.write(dir.resolve("cut.dat"), head);
        assertOneErrorLine(CliRun.of("landmarks", "--model", cut.toString(), image.toString()), cut + ": truncated");
        assertOneErrorLine(CliRun.of("landmarks", "--model", image.toString(), image.toString()),
                image + ": not a dlib shape predictor");
        assertOneErrorLine(CliRun.of("bench", "--landmarks=" + cut), cut + ": truncated");
    }

    @Test
    void aMalformedBoxIsBadUsage() {
        CliRun r = CliRun.of("landmarks", "--box", "1,2,3", "x.png");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("x,y,w,h"), r.err());
    }

    @Test
    void benchReportsLoadTimeAndFacesPerSecond() throws Exception {
        CliRun r = CliRun.of("bench", "--landmarks", "--iterations", "1", "--warmup", "0", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(68, j.get("parts").asInt());
        assertEquals(7500, j.get("trees").asInt());
        assertTrue(j.get("load_ms").asDouble() > 0, r.out());
        assertTrue(j.get("faces_per_s").asDouble() > 0, r.out());
        assertEquals(1, j.get("passes").asInt());
    }

    private static void assertOneErrorLine(CliRun r, String expected) {
        assertEquals(1, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("lvnet ") && r.err().contains(expected), r.err());
    }
}
