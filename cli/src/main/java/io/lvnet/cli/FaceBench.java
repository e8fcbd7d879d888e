package io.lvnet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lvnet.data.CanonicalDataset;
import io.lvnet.data.FaceBox;
import io.lvnet.data.FaceDetector;
import io.lvnet.data.FaceDetectorChoice;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Split;
import io.lvnet.detect.FaceDetectionScore;
import io.lvnet.detect.FaceDetectorBenchmark;
import io.lvnet.files.InputFiles;
import io.lvnet.files.MediaType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ParameterException;

/** {@code lvnet bench --faces}: the face detectors on a data set's true boxes and on pictures. */
final class FaceBench {
    private final FaceDetectorOptions detector;
    private final Path data;
    private final String split;
    private final int limit;
    private final List<Path> pictures;
    private final boolean json;

    FaceBench(FaceDetectorOptions detector, Path data, String split, int limit, List<Path> pictures, boolean json) {
        this.detector = detector;
        this.data = data;
        this.split = split;
        this.limit = limit;
        this.pictures = pictures == null ? List.of() : pictures;
        this.json = json;
    }

    int run() throws IOException {
        if (data == null && pictures.isEmpty()) {
            throw new ParameterException(detector.spec.commandLine(), "--faces needs a data set (-d DIR) or PICTURES");
        }
        if (limit < 0) {
            throw new ParameterException(detector.spec.commandLine(), "--limit must not be negative");
        }
        Split s;
        try {
            s = Split.of(split);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(detector.spec.commandLine(), e.getMessage());
        }
        List<FaceDetectorChoice> choices = detector.named() ? List.of(detector.choice())
                : Arrays.stream(FaceDetectorChoice.Kind.values()).filter(FaceDetectorChoice.Kind::bundled)
                        .map(FaceDetectorChoice::bundled).toList();
        CanonicalDataset ds = data == null ? null : CanonicalDataset.open(data);
        List<Path> images = new ArrayList<>();
        for (Path p : InputFiles.expand(pictures)) {
            if (MediaType.of(p) == MediaType.IMAGE) {
                images.add(p);
            }
        }
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode all = mapper.createArrayNode();
        for (FaceDetectorChoice c : choices) {
            ObjectNode o = all.addObject();
            o.put("detector", c.kind().id());
            o.put("description", c.describe());
            if (!json) {
                System.out.println(c.kind().id() + " (" + c.describe() + ")");
            }
            try (FaceDetector d = c.open()) {
                if (ds != null) {
                    FaceDetectionScore.Summary r;
                    List<FrameRecord> frames = FaceDetectorBenchmark.realFrames(ds, s, limit);
                    try (ProgressBar bar = new ProgressBar("frames", frames.size())) {
                        r = FaceDetectorBenchmark.onFrames(d, ds, frames, bar);
                    }
                    o.set("dataset", mapper.valueToTree(r));
                    if (!json) {
                        System.out.println("  " + data + ", real " + s.id() + " frames: " + r.describe());
                    }
                }
                if (!images.isEmpty()) {
                    pictures(d, images, o.putArray("pictures"));
                }
            }
        }
        if (json) {
            ObjectNode root = mapper.createObjectNode();
            root.set("detectors", all);
            System.out.println(mapper.writeValueAsString(root));
        }
        return 0;
    }

    private void pictures(FaceDetector d, List<Path> images, ArrayNode out) throws IOException {
        List<FaceDetectorBenchmark.PictureResult> results;
        try (ProgressBar bar = new ProgressBar("pictures", images.size())) {
            results = FaceDetectorBenchmark.onImages(d, images, bar);
        }
        int one = 0;
        long nanos = 0;
        for (FaceDetectorBenchmark.PictureResult r : results) {
            ObjectNode p = out.addObject();
            p.put("path", r.file().toString());
            ArrayNode boxes = p.putArray("boxes");
            StringBuilder text = new StringBuilder();
            for (FaceBox b : r.boxes()) {
                boxes.addArray().add(b.x()).add(b.y()).add(b.width()).add(b.height());
                text.append(String.format(Locale.ROOT, " [%d,%d,%d,%d]", b.x(), b.y(), b.width(), b.height()));
            }
            p.put("ms", r.nanos() / 1e6);
            one += r.boxes().size() == 1 ? 1 : 0;
            nanos += r.nanos();
            if (!json) {
                System.out.printf(Locale.ROOT, "  %s: %d box(es)%s%n", r.file(), r.boxes().size(), text);
            }
        }
        if (!json) {
            System.out.printf(Locale.ROOT, "  pictures with one box: %d of %d; %.1f ms per picture%n", one, results.size(),
                    nanos / 1e6 / Math.max(1, results.size()));
        }
    }
}
