package io.lvnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.FaceCropPreprocessor;
import io.lvnet.detect.LvNetModel;
import io.lvnet.detect.Predictions;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library example ("The library"), compiled and run on a small model and a picture made here. */
class LibraryExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeExampleScoresAFace() throws Exception {
        Path weights = dir.resolve("lvnet.safetensors");
        try (LvNetModel made = LvNetModel.create(new LvNetConfig(Variant.SUPERVISED, 64, 0.25))) {
            made.save(weights);
        }
        Path face = dir.resolve("face.png");
        BufferedImage picture = new BufferedImage(80, 80, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 80; x++) {
                picture.setRGB(x, y, (x * 3) << 16 | (y * 3) << 8 | 128);
            }
        }
        ImageIO.write(picture, "png", face.toFile());
        float fake;
        float[][] where;
        // the README's example, from here
        try (LvNetModel model = LvNetModel.load(weights)) {
            float[] crop = FaceCropPreprocessor.normalisedChw(face, model.config().inputSize());
            Predictions p = model.predict(crop, 1);
            fake = p.fakeProbability()[0];      // verify
            where = p.patchMap()[0];            // locate
        }
        // to here
        assertTrue(fake >= 0 && fake <= 1, "a probability: " + fake);
        assertTrue(where.length > 0 && where.length == where[0].length, "a square patch map");
    }

    /** The README shows the example this test runs, line for line. */
    @Test
    void theReadmeShowsTheExampleThisTestRuns() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = Pattern.compile("## The library.*?```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README.md has a Java example under 'The library'");
        String test = Files.readString(Path.of("core/src/test/java/io/lvnet/LibraryExampleTest.java"));
        String run = test.substring(test.indexOf("// the README's example, from here"), test.indexOf("// to here"));
        List<String> ran = run.lines().skip(1).map(LibraryExampleTest::normalised).filter(l -> !l.isEmpty()).toList();
        List<String> shown = m.group(1).lines().map(LibraryExampleTest::normalised)
                .filter(l -> !l.isEmpty() && !l.startsWith("import ") && !l.startsWith("Path ")).toList();
        assertEquals(ran, shown.stream().map(l -> l.replaceFirst("^float(\\[\\]\\[\\])? (fake|where) =", "$2 =")).toList());
    }

    private static String normalised(String line) {
        return line.replaceAll("//.*", "").trim().replaceAll("\\s+", " ");
    }
}
