package io.lvnet.cli;

import static org.bytedeco.opencv.global.opencv_core.hconcat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lvnet.data.CanonicalDataset;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Split;
import io.lvnet.synth.Method;
import io.lvnet.synth.SynthGenerator;
import io.lvnet.synth.SynthOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lvnet train and lvnet eval on data prepared by other tools: a small synthetic set written
 * out as the reference's composite images (with FF++ pair lists) and as DeepfakeBench's
 * folders (with its dataset JSON); a model trained from the composites is evaluated on both.
 */
class ForeignLayoutsCliTest {
    @TempDir
    static Path dir;
    static Path composites;
    static Path splits;
    static Path rgb;
    static Path index;
    static int testFrames;
    static int compositeTestFrames;

    @BeforeAll
    static void layouts() throws Exception {
        Path synth = dir.resolve("synth");
        new SynthGenerator(new SynthOptions(8, 1, 3, 96, 3, List.of(CompressionLevel.NONE),
                List.of(Method.FACESWAP, Method.DEEPFAKES), false, 2)).generate(synth, "test", done -> { });
        CanonicalDataset ds = CanonicalDataset.open(synth);
        testFrames = ds.frames(Split.TEST).size();
        composites = dir.resolve("composites");
        splits = Files.createDirectories(dir.resolve("splits"));
        writeComposites(ds);
        rgb = dir.resolve("rgb");
        index = dir.resolve("Synth.json");
        writeDeepfakeBench(ds);
    }

    /** youtube/a_b.mp4 holds real a's frames with black masks; Method/a_b.mp4 the fake's frames and masks. */
    private static void writeComposites(CanonicalDataset ds) throws IOException {
        Map<Split, TreeSet<String>> pairs = new TreeMap<>();
        for (Split s : Split.values()) {
            pairs.put(s, new TreeSet<>());
        }
        for (FrameRecord f : ds.frames()) {
            if (!f.fake()) {
                continue;
            }
            String[] ab = f.video().split("_"); // synthetic fakes are named target_source, as in FF++
            pairs.get(f.split()).add(ab[0] + "\", \"" + ab[1]);
            String name = String.format(Locale.ROOT, "%s.mp4/%04d.png", f.video(), f.frame());
            FrameRecord real = ds.frames().stream().filter(r -> !r.fake() && r.video().equals(ab[0])
                    && r.frame() == f.frame()).findFirst().orElseThrow();
            try (Mat face = ds.readImage(f); Mat mask = ds.readMask(f, face); Mat realFace = ds.readImage(real)) {
                composite(composites.resolve(f.method() + "/" + name), face, mask);
                try (Mat black = new Mat(face.rows(), face.cols(), mask.type(), Scalar.all(0))) {
                    Path realFile = composites.resolve("youtube/" + name);
                    compositeTestFrames += f.split() == Split.TEST && !Files.exists(realFile) ? 2 : f.split() == Split.TEST ? 1 : 0;
                    composite(realFile, realFace, black);
                }
            }
        }
        for (Map.Entry<Split, TreeSet<String>> e : pairs.entrySet()) {
            List<String> list = e.getValue().stream().map(p -> "[\"" + p + "\"]").toList();
            Files.writeString(splits.resolve(e.getKey().id() + ".json"), "[" + String.join(", ", list) + "]");
        }
    }

    private static void composite(Path file, Mat face, Mat greyMask) throws IOException {
        Files.createDirectories(file.getParent());
        try (Mat mask = new Mat(); Mat whole = new Mat()) {
            cvtColor(greyMask, mask, COLOR_GRAY2BGR);
            try (MatVector parts = new MatVector(face, mask, mask)) {
                hconcat(parts, whole);
            }
            imwrite(file.toString(), whole);
        }
    }

    /** rgb/Synth/.../raw/frames|masks/<video>/<nnn>.png and a JSON with DeepfakeBench's nesting and labels. */
    private static void writeDeepfakeBench(CanonicalDataset ds) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode labels = json.createObjectNode();
        for (FrameRecord f : ds.frames()) {
            String label = !f.fake() ? "FF-real" : f.method().equals("FaceSwap") ? "FF-FS" : "FF-DF";
            String base = "Synth/" + (f.fake() ? "manipulated_sequences/" + f.method() : "original_sequences/youtube") + "/raw/";
            String file = String.format(Locale.ROOT, "%s/%03d.png", f.video(), f.frame());
            try (Mat face = ds.readImage(f); Mat mask = ds.readMask(f, face)) {
                Files.createDirectories(rgb.resolve(base + "frames/" + f.video()));
                imwrite(rgb.resolve(base + "frames/" + file).toString(), face);
                if (f.fake()) {
                    Files.createDirectories(rgb.resolve(base + "masks/" + f.video()));
                    imwrite(rgb.resolve(base + "masks/" + file).toString(), mask);
                }
            }
            ObjectNode video = labels.with(label).with(f.split().id()).with("raw").with(f.video());
            video.put("label", label);
            (video.has("frames") ? (ArrayNode) video.get("frames") : video.putArray("frames"))
                    .add("./datasets/rgb/" + base + "frames/" + file);
        }
        ObjectNode root = json.createObjectNode();
        root.set("Synth", labels);
        json.writeValue(index.toFile(), root);
    }

    @Test
    void trainsOnTheReferencesCompositesAndEvaluatesOnBothLayouts() throws Exception {
        Path config = Files.writeString(dir.resolve("composite.yaml"), """
                datasets:
                  root: %s
                  layout: composite
                  image_size: 96
                  train: {split: %s, downsample: 1, batch_size: 8}
                  val: {split: %s, batch_size: 8}
                train:
                  epoch: 1
                  save_path: %s
                model:
                  width: 0.125
                """.formatted(composites, splits.resolve("train.json"), splits.resolve("val.json"), dir.resolve("run")));
        CliRun train = CliRun.of("train", "-c", config.toString());
        assertEquals(0, train.status(), train.err());
        Path best = dir.resolve("run").resolve("best.safetensors");
        assertTrue(Files.exists(best));

        CliRun bench = CliRun.of("eval", "-w", best.toString(), "-d", rgb.toString(), "--layout", "deepfakebench",
                "--index", index.toString(), "--split", "test", "--json");
        assertEquals(0, bench.status(), bench.err());
        JsonNode b = new ObjectMapper().readTree(bench.out());
        assertTrue(b.get("frame_auc").isNumber() && b.get("video_auc").isNumber() && b.get("patch_auc").isNumber(), b.toString());
        assertTrue(b.get("per_method").has("FaceSwap") && b.get("per_method").has("Deepfakes"), b.toString());

        CliRun composite = CliRun.of("eval", "-w", best.toString(), "-d", composites.toString(), "--layout", "composite",
                "--splits", splits.toString(), "--split", "test", "--json");
        assertEquals(0, composite.status(), composite.err());
        JsonNode c = new ObjectMapper().readTree(composite.out());
        assertEquals(testFrames, b.get("frames").asInt(), "every test frame of the index");
        assertEquals(compositeTestFrames, c.get("frames").asInt(), "every composite of the test pairs");
        assertTrue(c.get("per_method").has("FaceSwap") && c.get("per_method").has("Deepfakes"), c.toString());
    }

    @Test
    void wrongLayoutOptionsEndWithOneLine() throws Exception {
        CliRun unknown = CliRun.of("eval", "-w", "x.safetensors", "-d", rgb.toString(), "--layout", "lmdb");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown data layout 'lmdb'"), unknown.err());
        CliRun noIndex = CliRun.of("eval", "-w", "x.safetensors", "-d", rgb.toString(), "--layout", "deepfakebench");
        assertEquals(2, noIndex.status());
        assertTrue(noIndex.err().contains("needs its dataset JSON"), noIndex.err());
        CliRun stray = CliRun.of("eval", "-w", "x.safetensors", "-d", rgb.toString(), "--index", index.toString());
        assertEquals(2, stray.status());
        assertTrue(stray.err().contains("only read with the deepfakebench layout"), stray.err());
    }
}
