package io.lvnet.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.progress.ProgressListener;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import io.lvnet.train.ArrayBatchSource;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {
    @TempDir
    Path dir;

    @Test
    void reportsEveryMeasureBreakdownsMarkdownAndARocPicture() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            LvNet net = LvNet.create(new LvNetConfig(Variant.SUPERVISED, 96, 0.125), m);
            Evaluation e = Evaluation.run(net, m, new ArrayBatchSource(10, 96, 4, 9), ProgressListener.NONE);
            EvaluationReport r = new EvaluationReport(e);
            JsonNode json = new ObjectMapper().readTree(r.toJson());
            for (String k : new String[] {"frame_auc", "video_auc", "eer", "ap", "acc", "patch_auc", "patch_iou", "per_method"}) {
                assertTrue(json.has(k), k);
            }
            assertEquals(10, json.get("frames").asInt());
            assertEquals(e.frames().auc(), json.get("frame_auc").asDouble(), 1e-12);
            // each method's fakes against every real face: 5 fakes + 5 reals
            assertEquals(10, json.get("per_method").get("square").get("faces").asInt());
            assertEquals(10, json.get("per_compression").get("raw").get("faces").asInt());
            String md = r.toMarkdown("Tiny", "roc.png");
            assertTrue(md.contains("| frame auc |") && md.contains("![ROC](roc.png)"), md);
            Path png = dir.resolve("roc.png");
            r.writeRoc(png, "Tiny model");
            assertNotNull(ImageIO.read(png.toFile()));
            assertTrue(io.lvnet.testing.StandInCharts.drawn().stream()
                    .anyMatch(d -> d.kind().equals("roc") && d.png().equals(png) && d.title().equals("Tiny model")));
        }
    }
}
