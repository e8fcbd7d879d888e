package io.lvnet.serve;

import io.lvnet.provenance.Provenance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lvnet.data.FaceCrops;
import io.lvnet.data.FaceDetector;
import io.lvnet.data.FaceDetectorChoice;
import io.lvnet.data.FrameSampling;
import io.lvnet.data.Raster;
import io.lvnet.data.TestVideos;
import io.lvnet.detect.DetectionReport;
import io.lvnet.data.FaceFinder;
import io.lvnet.detect.FileResult;
import io.lvnet.detect.FileScanner;
import io.lvnet.model.LvNetConfig;
import io.lvnet.detect.LvNetModel;
import io.lvnet.synth.Portraits;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API over a real loopback socket: detection of images and videos as {@code lvnet
 * detect} reports them, every limit with its status and JSON error, and no upload left on disk
 * after any answer.
 */
class ServeApiTest {
    static final long MAX_UPLOAD = 256 * 1024;
    static final ServeLimits LIMITS = new ServeLimits(MAX_UPLOAD, 3.0, 1_000_000, 16, Duration.ofSeconds(60));

    @TempDir
    static Path dir;
    static LvNetModel model;
    static DetectServer server;
    static Client client;
    static byte[] portrait;
    static Provenance.Weights weights;

    @BeforeAll
    static void start() throws Exception {
        model = LvNetModel.create(LvNetConfig.compact());
        Path saved = dir.resolve("compact.safetensors");
        model.save(saved);
        weights = Provenance.Weights.of(saved, true);
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 2, 4, 8, 8, dir.resolve("uploads"));
        server = DetectServer.start(config, LIMITS, "test");
        server.ready(new ModelDetector(model, 8).withProvenance(weights), ServiceInfo.modelOf(weights, model));
        client = new Client(server.uri());
        portrait = Portraits.png(7, 240);
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    /** Whatever the answer, the upload is gone once it has been sent. */
    @AfterEach
    void noUploadIsLeft() throws Exception {
        try (Stream<Path> left = Files.list(server.uploadDirectory())) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void anImageIsScannedAsLvnetDetectScansIt() throws Exception {
        Client.Reply r = client.detect("", "../../etc/portrait.png", portrait);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"));
        FileResult got = DetectionReport.fromJson(r.body()).files().get(0);
        assertEquals("portrait.png", got.path(), "the client's name without its directories, never the server's path");
        assertEquals("image", got.type());
        assertEquals(1, got.faces().size());
        assertNull(r.json().get("overlays"), "overlays only on request");
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(portrait)),
                got.sha256(), "the upload's own digest");
        assertEquals("compact.safetensors", r.json().at("/provenance/weights/file").asText(), "the name, never the path");
        assertEquals(weights.sha256(), r.json().at("/provenance/weights/sha256").asText());
        assertEquals(LIMITS.maxFrames(), r.json().at("/provenance/options/frames").asInt(), "the frames actually sampled");
        assertEquals(io.lvnet.provenance.LvnetVersion.current(), r.json().at("/provenance/lvnet_version").asText());
        assertEquals("fp32", r.json().at("/provenance/options/precision").asText(), "the precision the scan ran in");

        Path local = Files.write(dir.resolve("portrait.png"), portrait);
        try (FaceDetector faces = FaceDetectorChoice.DEFAULT.open()) {
            FileResult direct = new FileScanner(model, FaceFinder.detecting(faces,
                    new FaceCrops(FaceCrops.DEFAULT_SCALE, FaceCrops.Border.SHIFT_AND_SHRINK), false),
                    FrameSampling.evenly(), 8, null).scan(local);
            assertEquals(direct.faces().get(0).fakeProbability(), got.fakeProbability(), 1e-5f);
            assertEquals(List.of(direct.faces().get(0).box()[0], direct.faces().get(0).box()[2]),
                    List.of(got.faces().get(0).box()[0], got.faces().get(0).box()[2]));
        }
    }

    @Test
    void overlaysComeAsPngsAndOptionsApply() throws Exception {
        Client.Reply r = client.detect("overlays=true&threshold=0.25&largest=1", "face.png", portrait);
        assertEquals(200, r.status(), r.body());
        JsonNode overlays = r.json().get("overlays");
        assertEquals(1, overlays.size());
        assertTrue(overlays.get(0).get("frame").isNull());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(overlays.get(0).get("png").asText())));
        assertEquals(160, png.getWidth(), "the crop as the model saw it");

        Client.Reply whole = client.detect("face=none", "face.png", portrait);
        assertEquals(200, whole.status(), whole.body());
        assertEquals(List.of(0, 0, 240, 240), toList(whole.json().at("/files/0/faces/0/box")));
    }

    @Test
    void aVideoIsSampledAndGetsItsTimeline() throws Exception {
        Path video = TestVideos.write(dir.resolve("clip.mp4"), "mp4", 20, 10); // 2 s
        Client.Reply r = client.detect("face=none&frames=5&overlays=true", "clip.mp4", Files.readAllBytes(video));
        assertEquals(200, r.status(), r.body());
        FileResult f = DetectionReport.fromJson(r.body()).files().get(0);
        assertEquals("video", f.type());
        assertEquals(5, f.frames().size());
        assertEquals(List.of(0, 4, 9, 14, 19), f.frames().stream().map(fr -> fr.index()).toList());
        assertNotNull(f.fakeProbability());
        JsonNode overlays = r.json().get("overlays");
        assertEquals(1, overlays.size(), "the most suspicious face of the video");
        int best = f.frames().stream().max((a, b) -> Float.compare(a.fakeProbability(), b.fakeProbability())).orElseThrow().index();
        assertEquals(best, overlays.get(0).get("frame").asInt());
        BufferedImage timeline = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(r.json().get("timeline").asText())));
        assertTrue(timeline.getWidth() > 300);
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        byte[] big = pngLike(300 * 1024);
        Client.Reply streamed = client.detect("", "big.png", big);
        assertEquals(413, streamed.status(), streamed.body());
        assertTrue(streamed.error().contains("limit of " + MAX_UPLOAD + " bytes"), streamed.error());

        Client.Reply chunked = client.detectChunked("", "big.png", big);
        assertEquals(413, chunked.status(), chunked.body());

        Client.Reply declared = client.detect("", "huge.png", pngLike((int) (MAX_UPLOAD + MultipartReceiver.BODY_ALLOWANCE + 1000)));
        assertEquals(413, declared.status(), declared.body());
        assertTrue(declared.error().startsWith("upload of "), declared.error());
    }

    @Test
    void aTooLongVideoIsRefusedWith422() throws Exception {
        Path mp4 = TestVideos.write(dir.resolve("long.mp4"), "mp4", 40, 10); // 4 s, limit 3 s
        Client.Reply r = client.detect("", "long.mp4", Files.readAllBytes(mp4));
        assertEquals(422, r.status(), r.body());
        assertTrue(r.error().contains("4.0 s long, more than the limit of 3 s"), r.error());

        Path mkv = TestVideos.write(dir.resolve("long.mkv"), "matroska", 40, 10); // no stored frame count
        assertEquals(422, client.detect("", "long.mkv", Files.readAllBytes(mkv)).status());
    }

    @Test
    void tooManyPixelsAreRefusedWith422BeforeDecoding() throws Exception {
        byte[] png = Raster.blank(1100, 1000, 1).png(); // 1.1 megapixels (a few KB), limit 1
        Client.Reply r = client.detect("", "wide.png", png);
        assertEquals(422, r.status(), r.body());
        assertTrue(r.error().contains("1100 x 1000"), r.error());
    }

    @Test
    void anUploadThatIsNotMediaIsRefusedWith415() throws Exception {
        Client.Reply text = client.detect("", "notes.png", "just some text, named like a picture".getBytes());
        assertEquals(415, text.status(), text.body());
        assertTrue(text.error().startsWith("not an image or video"), text.error());

        byte[] heic = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1', 'h', 'e', 'i', 'c'};
        assertEquals(415, client.detect("", "photo.mp4", heic).status());
    }

    @Test
    void mediaThatCannotBeDecodedIsRefusedWith422WithoutServerPaths() throws Exception {
        byte[] broken = pngLike(4000); // a PNG header of 64 x 64, then noise
        Client.Reply r = client.detect("", "broken.png", broken);
        assertEquals(422, r.status(), r.body());
        assertTrue(r.error().contains("broken.png"), r.error());
        assertFalse(r.error().contains(server.uploadDirectory().toString()), r.error());

        byte[] notAVideo = new byte[2000];
        System.arraycopy(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, 0, notAVideo, 0, 12);
        Client.Reply v = client.detect("", "clip.mp4", notAVideo);
        assertEquals(422, v.status(), v.body());
        assertFalse(v.error().contains(server.uploadDirectory().toString()), v.error());
    }

    @Test
    void badRequestsAreRefusedWith400() throws Exception {
        assertEquals(400, client.post("", "image/png", portrait).status(), "not multipart");
        assertTrue(client.detect("treshold=0.3", "f.png", portrait).error().contains("unknown query parameter 'treshold'"));
        assertEquals(400, client.detect("frames=0", "f.png", portrait).status());
        assertEquals(400, client.detect("frames=17", "f.png", portrait).status(), "above the frame limit");
        assertEquals(400, client.detect("threshold=2", "f.png", portrait).status());
        assertEquals(400, client.detect("largest=maybe", "f.png", portrait).status());
        String noFile = "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--b--\r\n";
        Client.Reply r = client.post("", "multipart/form-data; boundary=b", noFile.getBytes());
        assertEquals(400, r.status());
        assertTrue(r.error().startsWith("no file"), r.error());
        assertEquals(400, client.post("", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc".getBytes()).status(),
                "a body that ends inside the file");
    }

    @Test
    void anOperatingPointNeedsCalibratedWeightsAndAKnownName() throws Exception {
        Client.Reply none = client.detect("operating_point=fpr5", "face.png", portrait);
        assertEquals(400, none.status(), none.body());
        assertTrue(none.body().contains("no calibration"), none.body());
        Client.Reply bogus = client.detect("operating_point=fpr7", "face.png", portrait);
        assertEquals(400, bogus.status(), bogus.body());
    }

    @Test
    void calibratedWeightsAreJudgedAtTheRequestedOperatingPoint() throws Exception {
        java.util.Random r = new java.util.Random(5);
        double[] z = new double[400];
        int[] y = new int[400];
        for (int i = 0; i < z.length; i++) {
            y[i] = i % 2;
            z[i] = r.nextGaussian() * 0.05 + (y[i] == 1 ? 0.03 : -0.03);
        }
        Path calibrated = dir.resolve("compact.calibrated.safetensors");
        io.lvnet.calibrate.CalibratedWeights.write(dir.resolve("compact.safetensors"), 299, calibrated,
                io.lvnet.calibrate.Calibrator.fit(z, y, io.lvnet.calibrate.Calibrator.Method.AUTO, "generated", "val"));
        Path image = Files.write(dir.resolve("calibrated-portrait.png"), portrait);
        try (LvNetModel m = LvNetModel.load(calibrated)) {
            ModelDetector detector = new ModelDetector(m, 8).withOperatingPoint(io.lvnet.calibrate.OperatingPoint.FPR5);
            for (String point : new String[] {null, "fpr1", "eer"}) {
                DetectOptions options = DetectOptions.parse(point == null ? null : "operating_point=" + point, LIMITS);
                FileResult got = detector.detect(image, "p.png", options).file();
                io.lvnet.calibrate.VerdictRule rule = m.calibration().rule(
                        point == null ? io.lvnet.calibrate.OperatingPoint.FPR5 : io.lvnet.calibrate.OperatingPoint.of(point));
                io.lvnet.detect.FaceResult face = got.faces().get(0);
                if (face.quality().judgeable()) {
                    assertEquals(rule.judge(face.fakeProbability()), face.verdict(), "at " + point);
                }
            }
        }
    }

    @Test
    void otherEndpoints() throws Exception {
        assertEquals(200, client.get("/healthz").status());
        JsonNode info = client.get("/v1/info").json();
        assertEquals("test", info.get("lvnet").asText());
        assertEquals(160, info.at("/model/input_size").asInt());
        assertEquals(weights.sha256(), info.at("/model/sha256").asText());
        assertEquals("none", info.at("/model/calibration").asText(), "weights without calibration say so");
        assertTrue(info.at("/model/model_card").isNull(), info.toString());
        assertEquals("fp32", info.at("/model/precision").asText(), "the library scores in float32 unless told");
        assertEquals(MAX_UPLOAD, info.at("/limits/max_upload_bytes").asLong());
        assertEquals(2, info.at("/config/workers").asInt());

        client.detect("", "face.png", portrait);
        String metrics = client.get("/metrics").body();
        assertTrue(metrics.contains("lvnet_http_requests_total{route=\"/v1/detect\",status=\"200\"}"), metrics);
        assertTrue(metrics.contains("lvnet_http_request_duration_seconds_bucket{route=\"/v1/detect\",le=\"+Inf\"}"), metrics);
        assertTrue(metrics.contains("\nlvnet_detect_queue_depth 0\n"), metrics);
        assertTrue(metrics.contains("# TYPE lvnet_detect_queue_depth gauge"), metrics);

        Client.Reply page = client.get("/");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.body().contains("id=\"file\""));
        assertFalse(java.util.regex.Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//|url\\(\\s*['\"]?(https?:)?//|@import")
                .matcher(page.body()).find(), "the page loads nothing from elsewhere");
        assertTrue(page.header("Content-Security-Policy").startsWith("default-src 'self'"));

        Client.Reply missing = client.get("/v2/detect");
        assertEquals(404, missing.status());
        missing.error();
        Client.Reply wrongMethod = client.get("/v1/detect");
        assertEquals(405, wrongMethod.status());
        assertEquals("POST", wrongMethod.header("Allow"));
    }

    static List<Integer> toList(JsonNode array) {
        List<Integer> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    /** A PNG signature and a 64 x 64 header, then random bytes up to {@code size}. */
    static byte[] pngLike(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 64, 0, 0, 0, 64};
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }
}
