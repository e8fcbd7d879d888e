package io.lvnet.landmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.data.OpenCvImages;
import io.lvnet.testing.Goldens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * What dlib 19.24 finds on the pictures of {@code ../shared/goldens/landmarks}, and dlib's
 * model, shared by the landmark tests (read once per test JVM).
 */
public final class LandmarkGoldens {
    /** One face of the golden file: dlib's inclusive box and its 68 points. */
    public record Face(String image, String boxesFrom, long[] box, int[][] points) {
    }

    private static ShapePredictor model;

    private LandmarkGoldens() {
    }

    /** A golden picture. */
    public static Path image(String name) {
        return Goldens.file("landmarks/" + name);
    }

    /** Every face of {@code dlib_landmarks.jsonl}, in file order. */
    public static List<Face> faces() {
        try {
            ObjectMapper json = new ObjectMapper();
            List<Face> out = new ArrayList<>();
            for (String line : Files.readAllLines(image("dlib_landmarks.jsonl"), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = json.readTree(line);
                for (JsonNode f : row.get("faces")) {
                    out.add(new Face(row.get("image").asText(), row.get("boxes_from").asText(),
                            json.treeToValue(f.get("box"), long[].class), json.treeToValue(f.get("points"), int[][].class)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A golden picture's intensities. */
    public static GrayImage gray(String name) {
        try (Mat bgr = OpenCvImages.readBgr(image(name))) {
            return GrayImage.of(bgr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * dlib's 68-point model from Debian's {@code libdlib-data}. A missing model fails the test
     * (it is never skipped), with the reader's message, which names the package.
     */
    public static synchronized ShapePredictor model() {
        if (model == null) {
            try {
                model = ShapePredictorFile.read(ShapePredictorFile.DEBIAN_MODEL);
            } catch (IOException e) {
                throw new IllegalStateException("the landmark tests need dlib's model: " + e.getMessage(), e);
            }
        }
        return model;
    }
}
