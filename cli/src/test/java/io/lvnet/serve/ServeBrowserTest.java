package io.lvnet.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.lvnet.model.LvNetConfig;
import io.lvnet.detect.LvNetModel;
import io.lvnet.synth.Portraits;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page in a real browser: headless Chromium loads {@code GET /}, a rendered face is put
 * into the page's file input (as dropping or picking a file does), and the verdict, the
 * heatmap and the face box appear. Saves the screenshots as {@code docs/serve.png} and, for a video of two people,
 * {@code docs/serve-people.png}.
 *
 * <p>Runs with {@code mvn verify -Pbrowser}. Chromium is installed by {@code
 * .ci/install-chromium} when missing; the test fails, never skips, if there is still none.
 */
@Tag("browser")
class ServeBrowserTest {
    static final Path SCREENSHOT = Path.of("docs", "serve.png");
    static final Path PEOPLE_SCREENSHOT = Path.of("docs", "serve-people.png");

    @TempDir
    Path dir;

    @Test
    void aDroppedFaceGetsItsVerdictInThePage() throws Exception {
        Path chromium = chromium();
        Path face = Files.write(dir.resolve("portrait.png"), Portraits.png(7, 320));
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 2, 4, 8, 8, dir.resolve("uploads"));
        Files.createDirectories(dir.resolve("profile"));
        try (LvNetModel model = LvNetModel.create(LvNetConfig.compact());
                DetectServer server = DetectServer.start(config, ServeLimits.defaults(), io.lvnet.cli.LvnetCommand.version());
                DevTools browser = DevTools.launch(chromium, dir.resolve("profile"), 1240, 1000)) {
            server.ready(new ModelDetector(model, 8), ServiceInfo.model(Path.of("compact.safetensors"), model));
            drop(browser, server, face, Duration.ofSeconds(90));
            String error = browser.evaluate("document.getElementById('error').textContent").asText();
            assertEquals("", error, "the page showed an error");
            // the heatmap and the picture with its face box are drawn
            browser.await("Array.from(document.querySelectorAll('#faces img')).every(i => i.complete && i.naturalWidth > 0)"
                    + " && document.getElementById('preview').width > 0", Duration.ofSeconds(30));

            String verdict = browser.evaluate("document.getElementById('verdict').textContent").asText();
            assertTrue(verdict.matches("(FAKE|REAL|INCONCLUSIVE) \u2014 fake probability \\d+\\.\\d %"), verdict);
            assertEquals(1, browser.evaluate("document.querySelectorAll('#faces .face').length").asInt());
            assertTrue(browser.evaluate("document.querySelector('#faces .label').textContent").asText()
                    .matches("Face 1: (FAKE|REAL|INCONCLUSIVE) .*"));

            JsonNode shot = browser.call("Page.captureScreenshot", Map.of("format", "png"));
            byte[] png = Base64.getDecoder().decode(shot.get("data").asText());
            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, png);
            assertTrue(png.length > 10_000, "a real screenshot");
            try (Stream<Path> left = Files.list(server.uploadDirectory())) {
                assertEquals(0, left.count());
            }
        }
    }

    @Test
    void aVideoOfTwoPeopleShowsOneRowPerPersonAndTheVerdictWithItsReason() throws Exception {
        Path chromium = chromium();
        Path video = io.lvnet.data.TestVideos.people(dir.resolve("two.mkv"), Portraits.clip(21, 160, 4),
                Portraits.clip(34, 160, 4), 40);
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 2, 4, 8, 8, dir.resolve("uploads"));
        Files.createDirectories(dir.resolve("profile"));
        try (LvNetModel model = LvNetModel.create(LvNetConfig.compact());
                DetectServer server = DetectServer.start(config, ServeLimits.defaults(), io.lvnet.cli.LvnetCommand.version());
                DevTools browser = DevTools.launch(chromium, dir.resolve("profile"), 1240, 1000)) {
            server.ready(new ModelDetector(model, 8), ServiceInfo.model(Path.of("compact.safetensors"), model));
            drop(browser, server, video, Duration.ofSeconds(120));
            assertEquals("", browser.evaluate("document.getElementById('error').textContent").asText());
            assertEquals(2, browser.evaluate("document.querySelectorAll('#people tbody tr').length").asInt());
            assertEquals("block", browser.evaluate("document.getElementById('people-panel').style.display").asText());
            String verdict = browser.evaluate("document.getElementById('verdict').textContent").asText();
            assertTrue(verdict.matches("(FAKE|REAL|INCONCLUSIVE) \u2014 fake probability \\d+\\.\\d %"), verdict);
            String firstRow = browser.evaluate("document.querySelector('#people tbody tr').textContent").asText();
            assertTrue(firstRow.startsWith("Person 1") && firstRow.contains("4 frames"), firstRow);
            if (verdict.startsWith("INCONCLUSIVE")) {
                assertTrue(browser.evaluate("document.getElementById('reason').textContent").asText().length() > 0);
            }
            byte[] png = Base64.getDecoder().decode(browser.call("Page.captureScreenshot", Map.of("format", "png"))
                    .get("data").asText());
            Files.write(PEOPLE_SCREENSHOT, png);
            assertTrue(png.length > 10_000, "a real screenshot");
        }
    }

    /**
     * Opens the service's page once it shows the model, puts {@code file} in its file input as a
     * drop does, and waits until the page shows a result or an error.
     */
    private static void drop(DevTools browser, DetectServer server, Path file, Duration timeout) throws Exception {
        browser.call("Page.enable", Map.of());
        browser.call("Page.navigate", Map.of("url", server.uri().toString()));
        browser.await("document.readyState === 'complete' && !!document.getElementById('file')"
                + " && document.getElementById('model').textContent.length > 0", Duration.ofSeconds(30));
        JsonNode root = browser.call("DOM.getDocument", Map.of("depth", 0));
        JsonNode input = browser.call("DOM.querySelector", Map.of("nodeId", root.at("/root/nodeId").asInt(), "selector", "#file"));
        browser.call("DOM.setFileInputFiles", Map.of("nodeId", input.get("nodeId").asInt(),
                "files", List.of(file.toAbsolutePath().toString())));
        browser.await("document.getElementById('result').style.display === 'block'"
                + " || document.getElementById('error').style.display === 'block'", timeout);
    }

    /** Chromium on the PATH, installed by .ci/install-chromium if missing; fails if there is none. */
    static Path chromium() throws Exception {
        Optional<Path> found = onPath();
        if (found.isEmpty()) {
            Process install = new ProcessBuilder("bash", ".ci/install-chromium").inheritIO().start();
            if (!install.waitFor(15, TimeUnit.MINUTES)) {
                install.destroyForcibly();
            }
            found = onPath();
        }
        if (found.isEmpty()) {
            fail("Chromium is needed for the browser test and could not be installed (.ci/install-chromium)");
        }
        return found.get();
    }

    private static Optional<Path> onPath() {
        for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
                Path p = Path.of(dirName, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
