package io.lvnet.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.HostileVideos;
import io.lvnet.data.PeakMemoryProbe;
import io.lvnet.model.LvNetConfig;
import io.lvnet.detect.LvNetModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Videos whose headers lie pass the header checks, and are stopped by the limits on what is
 * decoded: the first frame larger than the picture limit, the first frame later than the length
 * limit, each answered 422 without decoding further.
 */
class ServeDecodeLimitsTest {
    @TempDir
    static Path dir;
    static LvNetModel model;
    static DetectServer server;
    static Client client;

    @BeforeAll
    static void start() throws Exception {
        model = LvNetModel.create(LvNetConfig.compact());
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 1, 2, 4, 8, dir.resolve("uploads"));
        // the defaults but for the length: 40 megapixels, as the report had it
        server = DetectServer.start(config, ServeLimits.defaults().withMaxVideoSeconds(3).withRequestTimeout(Duration.ofSeconds(60)),
                "test");
        server.ready(new ModelDetector(model, 8), ServiceInfo.model(null, model));
        client = new Client(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    @Test
    void aVideoWhoseFramesOutgrowItsHeaderIsStoppedAtTheFirstOversizedFrame() throws Exception {
        byte[] small = HostileVideos.greyJpeg(64, 64);
        byte[] huge = HostileVideos.hugeGreyJpeg(12000, 12000); // 144 megapixels
        List<byte[]> frames = new ArrayList<>(Collections.nCopies(5, small));
        frames.addAll(List.of(huge, huge, small));
        byte[] avi = Files.readAllBytes(HostileVideos.mjpegAvi(dir.resolve("growing.avi"), frames, 64, 64, 10, frames.size()));

        long before = PeakMemoryProbe.rssMb();
        Client.Reply r;
        long peak;
        try (PeakMemoryProbe probe = PeakMemoryProbe.start()) {
            r = client.detect("face=none&frames=8", "growing.avi", avi);
            peak = probe.peakMb();
        }
        assertEquals(422, r.status(), r.body());
        assertEquals("cannot read video growing.avi: frame 5 is larger than the limit of 40,000,000 pixels "
                + "(the decoder refused to allocate it)", r.error());
        // decoded, each large frame takes 144 MB, and 432 MB more as BGR (the issue saw 1.15 GB)
        assertTrue(peak - before < 150, "resident memory grew by " + (peak - before) + " MB");
        assertTrue(server.metricsText().contains("lvnet_detect_rejections_total{reason=\"unprocessable\"}"));
    }

    @Test
    void aVideoLongerThanItsHeaderClaimsIsStoppedAtTheLengthLimit() throws Exception {
        // the header: 10 frames at 10 fps, one second; the file: 800 frames, 80 s
        byte[] small = HostileVideos.greyJpeg(64, 64);
        byte[] avi = Files.readAllBytes(HostileVideos.mjpegAvi(dir.resolve("lying.avi"), Collections.nCopies(800, small),
                64, 64, 10, 10));
        assertEquals(1.0, MediaInspector.inspect(dir.resolve("lying.avi"), ServeLimits.defaults().withMaxVideoSeconds(3))
                .durationSeconds(), 1e-9, "the header check passes it");

        Client.Reply r = client.detect("face=none&frames=4", "lying.avi", avi);
        assertEquals(422, r.status(), r.body());
        assertEquals("cannot read video lying.avi: frame 31 is at 3.1 s, past the limit of 3 s", r.error());
        assertFalse(r.error().contains(server.uploadDirectory().toString()));
    }

    @Test
    void anHonestVideoWithinTheLimitsIsScanned() throws Exception {
        byte[] small = HostileVideos.greyJpeg(64, 64);
        byte[] avi = Files.readAllBytes(HostileVideos.mjpegAvi(dir.resolve("honest.avi"), Collections.nCopies(25, small),
                64, 64, 10, 25));
        Client.Reply r = client.detect("face=none&frames=4", "honest.avi", avi);
        assertEquals(200, r.status(), r.body());
        assertEquals(4, r.json().at("/files/0/frames").size());
    }
}
