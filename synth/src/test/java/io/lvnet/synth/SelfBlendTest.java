package io.lvnet.synth;

import io.lvnet.blend.SelfBlendGenerator;

import io.lvnet.blend.Rng;

import io.lvnet.blend.ForgeryMask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.CanonicalDataset;
import io.lvnet.data.CanonicalLayout;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FaceBox;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Raster;
import io.lvnet.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfBlendTest {
    @TempDir
    Path tmp;

    /** A folder of face crops: two videos in sub-folders and one loose image. */
    private Path crops() throws IOException {
        Path dir = tmp.resolve("crops");
        FaceRenderer r = new FaceRenderer(160);
        String[] names = {"vidA/0000.png", "vidA/0001.png", "vidB/frame7.png", "single.png"};
        for (int i = 0; i < names.length; i++) {
            Identity id = Identity.random(Rng.derive(4, "identity", i / 2));
            Scene scene = Scene.random(Rng.derive(4, "scene", i), 160);
            HeadPose pose = HeadPose.track(Rng.derive(4, "pose", i), 1).get(0);
            Raster image = r.render(scene, id, Expression.NEUTRAL, pose, Rng.derive(4, "noise", i)).image();
            Path file = dir.resolve(names[i]);
            Files.createDirectories(file.getParent());
            Files.write(file, image.png());
        }
        return dir;
    }

    /** Each fake's mask is exactly what the blend changed in its real face, and the blend is face-sized. */
    private static void checkFakes(CanonicalDataset ds, int size) throws IOException {
        Map<String, FrameRecord> reals = ds.frames().stream().filter(f -> !f.fake())
                .collect(Collectors.toMap(f -> f.compression() + "/" + f.video() + "/" + f.frame(), f -> f));
        long fakes = 0;
        for (FrameRecord f : ds.frames()) {
            if (!f.fake()) {
                continue;
            }
            fakes++;
            assertEquals(SelfBlendGenerator.METHOD, f.method());
            String video = f.video().endsWith("_" + f.compression().id())
                    ? f.video().substring(0, f.video().length() - f.compression().id().length() - 1) : f.video();
            FrameRecord real = reals.get(f.compression() + "/" + video + "/" + f.frame());
            assertNotNull(real, f.image());
            assertEquals(real.identity(), f.identity());
            assertEquals(real.split(), f.split());
            Raster realImage = Images.bgr(ds.resolve(real.image()));
            Raster fakeImage = Images.bgr(ds.resolve(f.image()));
            assertEquals(size, realImage.width());
            Raster mask = Images.grey(ds.resolve(f.mask()));
            assertEquals(ForgeryMask.of(realImage, fakeImage), mask, f.image());
            int set = mask.countSet();
            FaceBox b = f.box();
            assertTrue(set > b.width() * b.height() / 10, f.image() + ": only " + set + " pixels changed");
            assertTrue(set < b.width() * b.height() * 1.5, f.image() + ": " + set + " pixels changed");
        }
        assertEquals(reals.size(), fakes);
    }

    @Test
    void aFolderOfCropsBecomesRealsWithOneSelfBlendedFakeEach() throws IOException {
        Path crops = crops();
        Path out = tmp.resolve("sbi");
        List<FrameRecord> records = new SelfBlendGenerator(3, 128, 2).generate(crops, out, "test", done -> { });
        assertEquals(8, records.size());
        CanonicalDataset ds = CanonicalDataset.open(out);
        assertEquals(records, ds.frames());
        assertEquals(Set.of("vidA", "vidB", "single"), ds.frames().stream().map(FrameRecord::identity).collect(Collectors.toSet()));
        // fewer than six identities: all train
        assertTrue(ds.frames().stream().allMatch(f -> f.split() == Split.TRAIN));
        assertTrue(ds.frames().stream().allMatch(f -> f.regions() == null && f.box() != null));
        assertTrue(Files.isRegularFile(out.resolve(CanonicalLayout.frame(CompressionLevel.NONE, "original", "vidB", 0))));
        assertNull(ds.frames().stream().filter(f -> !f.fake()).findFirst().orElseThrow().mask());
        checkFakes(ds, 128);

        Path again = tmp.resolve("sbi-again");
        new SelfBlendGenerator(3, 128, 1).generate(crops, again, "test", done -> { });
        List<Path> files = Images.files(out);
        assertEquals(files, Images.files(again));
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(out.resolve(f)), Files.readAllBytes(again.resolve(f)), f.toString());
        }
    }

    @Test
    void aCanonicalDatasetKeepsItsIdentitiesSplitsBoxesAndRegions() throws IOException {
        Path synth = tmp.resolve("synth");
        new SynthGenerator(new SynthOptions(6, 1, 2, 96, 9, List.of(CompressionLevel.NONE, CompressionLevel.HEAVY),
                List.of(Method.FACESWAP), false, 2)).generate(synth, "test", done -> { });
        CanonicalDataset source = CanonicalDataset.open(synth);
        assertEquals(96, SelfBlendGenerator.defaultSize(synth));

        Path out = tmp.resolve("sbi");
        new SelfBlendGenerator(5, SelfBlendGenerator.defaultSize(synth), 2).generate(synth, out, "test", done -> { });
        CanonicalDataset ds = CanonicalDataset.open(out);
        List<FrameRecord> sourceReals = source.frames().stream().filter(f -> !f.fake()).toList();
        assertEquals(2 * sourceReals.size(), ds.frames().size());
        for (FrameRecord real : sourceReals) {
            FrameRecord copy = ds.frames().stream().filter(f -> f.image().equals(real.image())).findFirst().orElseThrow();
            assertEquals(real.identity(), copy.identity());
            assertEquals(real.split(), copy.split());
            assertEquals(real.box(), copy.box());
            assertEquals(Images.bgr(source.resolve(real.image())), Images.bgr(ds.resolve(copy.image())));
            for (String region : CanonicalLayout.REGIONS) {
                assertEquals(Images.grey(source.resolve(real.regions().get(region))),
                        Images.grey(ds.resolve(copy.regions().get(region))));
            }
        }
        // two compression levels of one frame: each level's fake gets its own video name
        assertTrue(ds.frames().stream().anyMatch(f -> f.video().equals("000_heavy")));
        checkFakes(ds, 96);
    }
}
