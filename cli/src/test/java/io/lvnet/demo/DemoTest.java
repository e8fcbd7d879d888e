package io.lvnet.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.train.TrainListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo, shrunk: every step runs and the page holds every part, pictures embedded. */
class DemoTest {
    @TempDir
    Path dir;

    private static Demo.ProgressAndClose quiet(String what, Integer total) {
        return new Demo.ProgressAndClose() {
            @Override
            public void advance(int n) {
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aTinyDemoWritesTheWholeReportAndReusesWhatIsDone() throws Exception {
        Demo.Options o = new Demo.Options(dir.resolve("demo"), 6, 3, 1, 2);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Demo.Result r = Demo.run(o, new PrintStream(log, true), DemoTest::quiet, TrainListener.NONE);
        String page = Files.readString(r.report());
        for (String part : new String[] {"frame auc", "Deepfakes", "ROC curve", "Training", "Faces scanned", "A video"}) {
            assertTrue(page.contains(part), part);
        }
        assertTrue(page.split("data:image/png;base64,").length > 4, "ROC, curves and overlays are embedded");
        assertTrue(r.testFrameAuc() >= 0 && r.testFrameAuc() <= 1);
        assertTrue(log.toString().contains("[4/4]"));
        // only the scanned clip is encoded, from its frames: one video, read back with every frame
        try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve("demo/data"))) {
            java.util.List<Path> videos = files.filter(p -> p.toString().endsWith(".mp4")).toList();
            assertEquals(1, videos.size(), videos.toString());
            assertEquals(3, io.lvnet.data.VideoFiles.read(videos.get(0), 160, 160).size());
        }

        // a second run finds the data and the trained epochs and only re-evaluates
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        Demo.Result r2 = Demo.run(o, new PrintStream(again, true), DemoTest::quiet, TrainListener.NONE);
        assertTrue(!again.toString().contains("training LvNetConfig"), again.toString());
        assertEquals(r.testFrameAuc(), r2.testFrameAuc(), 0.0);
    }
}
