package io.lvnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvnet.data.TestVideos;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import io.lvnet.synth.Portraits;
import io.lvnet.blend.RenderedFrame;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.TensorData;
import io.lvnet.weights.WeightsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * People in videos: two rendered people side by side become two tracks, each judged as their own
 * clip is judged alone, and the video's verdict is the more suspicious one's.
 */
class DetectPeopleTest {
    static final int SIZE = 160;
    static final int GAP = 40;
    static final int FRAMES = 6;
    static final float K = 2000;
    static final int SEED = 11;

    @TempDir
    static Path dir;
    static Path weights;
    static Path left;
    static Path right;
    static Path both;

    @BeforeAll
    static void clips() throws Exception {
        List<RenderedFrame> a = Portraits.clip(21, SIZE, FRAMES);
        // the second person in dim light: a random network tells faces apart by little more than
        // their brightness, and this keeps their scores well apart from the first person's
        List<RenderedFrame> b = Portraits.clip(34, SIZE, FRAMES).stream().map(DetectPeopleTest::dimmed).toList();
        // each clip alone in a frame as wide as both: the detector sees its face at the same scale
        left = TestVideos.people(dir.resolve("left.mkv"), a, null, GAP, 2 * SIZE + GAP);
        right = TestVideos.people(dir.resolve("right.mkv"), null, b, GAP, 2 * SIZE + GAP);
        both = TestVideos.people(dir.resolve("both.mkv"), a, b, GAP);
        weights = dir.resolve("tiny.safetensors");
        LvNetConfig config = new LvNetConfig(Variant.SUPERVISED, 96, 0.125);
        java.util.Map<String, TensorData> state;
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(SEED); // the same network every run
            state = new java.util.LinkedHashMap<>(StateDicts.export(LvNet.create(config, m)));
        }
        WeightsFile.save(weights, config, state);
        // A random network barely tells faces apart (their probabilities differ in the fifth
        // decimal). Its final layer, scaled by K, with the bias that centres the first face's
        // margin on 0, spreads the faces' scores K times wider without saturating them.
        JsonNode face = detect(left.toString()).at("/frames/0/faces/0/logits");
        double margin = face.get(1).asDouble() - face.get(0).asDouble();
        float[] w = state.get("cls_header.5.weight").toFloats();
        float[] bias = state.get("cls_header.5.bias").toFloats();
        double inputPart = margin - (bias[1] - bias[0]);
        for (int i = 0; i < w.length; i++) {
            w[i] *= K;
        }
        state.put("cls_header.5.weight", TensorData.ofFloats(state.get("cls_header.5.weight").shape(), w));
        state.put("cls_header.5.bias", TensorData.ofFloats(new long[] {2}, new float[] {0, (float) (-K * inputPart)}));
        WeightsFile.save(weights, config, state);
    }

    private static RenderedFrame dimmed(RenderedFrame f) {
        byte[] px = f.image().data().clone();
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) ((px[i] & 0xFF) / 2);
        }
        return new RenderedFrame(new io.lvnet.data.Raster(f.image().width(), f.image().height(), f.image().channels(), px),
                f.landmarks(), f.box(), f.regions(), f.outline());
    }

    private static JsonNode detect(String... args) throws Exception {
        // float32: the crafted weights score the two clips 0.006 apart, within bfloat16's rounding,
        // which auto picks on a CPU with AVX512-BF16 or AMX (a two-person frame landed between them)
        List<String> all = new java.util.ArrayList<>(List.of("detect", "-w", weights.toString(), "--json",
                "--judge-every-face", "--precision", "fp32"));
        all.addAll(List.of(args));
        CliRun r = CliRun.of(all.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        return new ObjectMapper().readTree(r.out()).at("/files/0");
    }

    @Test
    void twoPeopleSideBySideAreTwoTracksJudgedAsTheirOwnClips() throws Exception {
        JsonNode alone0 = detect(left.toString());
        JsonNode alone1 = detect(right.toString());
        assertEquals(1, alone0.get("people").size(), alone0.get("people").toString());
        assertEquals(1, alone1.get("people").size(), alone1.get("people").toString());
        double p0 = alone0.at("/people/0/fake_probability").asDouble();
        double p1 = alone1.at("/people/0/fake_probability").asDouble();
        assertTrue(Math.abs(p0 - p1) > 1e-3, "the clips must score apart for the check to mean anything: " + p0 + " " + p1);
        // a threshold between the two: one person is real and the other fake
        String threshold = String.format(Locale.ROOT, "%.6f", (p0 + p1) / 2);

        JsonNode video = detect("--threshold", threshold, both.toString());
        JsonNode people = video.get("people");
        assertEquals(2, people.size(), people.toString());
        for (JsonNode frame : video.get("frames")) {
            assertEquals(2, frame.get("faces").size(), frame.toString());
        }
        for (JsonNode person : people) {
            assertEquals(FRAMES, person.get("faces").asInt());
            JsonNode first = video.at("/frames/0/faces/" + person.at("/timeline/0/face").asInt());
            boolean isLeft = first.at("/box/0").asInt() < SIZE;
            double own = isLeft ? p0 : p1;
            double other = isLeft ? p1 : p0;
            double got = person.get("fake_probability").asDouble();
            System.err.printf("alone %.5f / %.5f, person %s %.5f%n", own, other, person.get("person"), got);
            assertTrue(Math.abs(got - own) < Math.abs(got - other),
                    "person " + person.get("person") + " scores as their own clip: " + got + " vs " + own + " and " + other);
            assertEquals(own >= (p0 + p1) / 2 ? "fake" : "real", person.get("verdict").asText());
            // every face of theirs stays on their side of the frame
            for (JsonNode s : person.get("timeline")) {
                JsonNode face = video.at("/frames/" + s.get("frame").asInt() / 1 + "/faces/" + s.get("face").asInt());
                assertEquals(isLeft, face.at("/box/0").asInt() < SIZE, face.toString());
                assertEquals(person.get("person").asInt(), face.get("person").asInt());
            }
        }
        assertNotEquals(people.at("/0/verdict").asText(), people.at("/1/verdict").asText());
        assertEquals(Math.max(people.at("/0/fake_probability").asDouble(), people.at("/1/fake_probability").asDouble()),
                video.get("fake_probability").asDouble(), 1e-6, "the video is its most suspicious person");
        Path pictures = dir.resolve("pictures");
        detect("--threshold", threshold, "--out", pictures.toString(), both.toString());
        for (int p = 1; p <= 2; p++) {
            assertTrue(Files.size(pictures.resolve("0000_both_person" + p + ".png")) > 1000, "person " + p + "'s heatmap");
        }
        assertTrue(Files.size(pictures.resolve("0000_both_timeline.png")) > 1000);
    }
}
