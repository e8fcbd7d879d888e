package io.lvnet.cli;

import io.lvnet.data.FaceBox;
import io.lvnet.data.FaceCrops;
import io.lvnet.data.FaceFinder;
import io.lvnet.files.InputFiles;
import io.lvnet.files.MediaType;
import io.lvnet.landmarks.LandmarkReport;
import io.lvnet.landmarks.LandmarkScanner;
import io.lvnet.landmarks.ShapePredictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code lvnet landmarks}: dlib's 68 facial landmarks and the reference regions of each face. */
@Command(name = "landmarks", header = "Place dlib's 68 facial landmarks and reference regions on faces.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Place the 68 facial landmarks of dlib's shape predictor on each face (dlib's model,",
            "read in pure Java, with dlib's results) and the regions the reference derives from",
            "them for semi-supervised training: mouth, eyes and nose, each the box around its",
            "points widened by 5 px. Faces are found as 'lvnet detect' finds them (OpenCV's face",
            "cascade, or --detector-model), or given with --box. The predictor was trained on",
            "the boxes of dlib's face detector: its points are best on boxes like those (square,",
            "brows to chin).",
            "Exit status: 0 when every picture was read, 1 when any failed (its entry says why),",
            "2 for bad usage."})
public final class LandmarksCommand implements Callable<Integer> {
    @Mixin
    LandmarkModelOption model;

    @Parameters(arity = "1..*", paramLabel = "IMAGE",
            description = "Pictures (jpg, png, bmp, webp, tif), or directories searched recursively.")
    List<Path> inputs;

    @Option(names = "--box", paramLabel = "X,Y,W,H", converter = BoxConverter.class,
            description = "The face's box in every picture (left, top, width, height in pixels) instead of finding faces.")
    FaceBox box;

    @Option(names = "--detector-model", paramLabel = "FILE", split = ",",
            description = "Find faces with a DNN detector instead of the cascade: a YuNet .onnx file, or res10's deploy.prototxt,model.caffemodel.")
    List<Path> detectorModel;

    @Option(names = "--largest", description = "Keep only the largest face of each picture.")
    boolean largest;

    @Option(names = "--json", description = "Print one JSON document: {\"files\": [{\"path\", \"faces\": [{\"box\": [x, y, w, h], "
            + "\"points\": [[x, y], ...], \"regions\": {\"mouth\", \"eyes\", \"nose\"}}], \"error\"}]}.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write a picture of each face with its points and its mouth, eyes and nose regions.")
    Path out;

    @Override
    public Integer call() throws Exception {
        // directories contribute their pictures; a file named directly is tried whatever its name
        List<Path> files = InputFiles.expand(inputs).stream()
                .filter(p -> MediaType.of(p) == MediaType.IMAGE || inputs.contains(p))
                .collect(Collectors.toList());
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no pictures found in " + inputs);
        }
        ShapePredictor predictor = model.load();
        List<LandmarkReport.FileEntry> results = new ArrayList<>();
        try (FaceFinder finder = box != null ? null
                : FaceFinder.configured(false, detectorModel, FaceCrops.DEFAULT_SCALE, largest);
                ProgressBar bar = new ProgressBar("files", files.size())) {
            LandmarkScanner scanner = new LandmarkScanner(predictor, finder, box, out);
            for (int i = 0; i < files.size(); i++) {
                results.add(scanner.scan(i, files.get(i)));
                bar.advance(1);
            }
        }
        print(new LandmarkReport(results));
        return results.stream().anyMatch(LandmarkReport.FileEntry::failed) ? OneLineErrors.FAILED : 0;
    }

    private void print(LandmarkReport report) {
        if (json) {
            System.out.println(report.toJson());
            return;
        }
        for (LandmarkReport.FileEntry f : report.files()) {
            if (f.failed()) {
                System.out.println(f.path() + "\terror: " + f.error());
            } else if (f.faces().isEmpty()) {
                System.out.println(f.path() + "\tno face found");
            }
            for (int k = 0; k < f.faces().size(); k++) {
                LandmarkReport.FaceEntry face = f.faces().get(k);
                StringBuilder line = new StringBuilder(f.path()).append("\tface ").append(k).append(" box ").append(xywh(face.box()));
                face.regions().forEach((part, r) -> line.append('\t').append(part).append(' ').append(xywh(r)));
                System.out.println(line);
            }
        }
    }

    private static String xywh(int[] r) {
        return r[0] + "," + r[1] + "," + r[2] + "x" + r[3];
    }

    /** Parses {@code x,y,w,h}. */
    static final class BoxConverter implements ITypeConverter<FaceBox> {
        @Override
        public FaceBox convert(String value) {
            String[] f = value.split(",");
            if (f.length != 4) {
                throw new TypeConversionException("a box is x,y,w,h (four integers), got '" + value + "'");
            }
            int[] v = new int[4];
            for (int i = 0; i < 4; i++) {
                try {
                    v[i] = Integer.parseInt(f[i].trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("a box is x,y,w,h (four integers), got '" + value + "'");
                }
            }
            if (v[2] < 1 || v[3] < 1) {
                throw new TypeConversionException("a box needs a positive width and height, got '" + value + "'");
            }
            return new FaceBox(v[0], v[1], v[2], v[3]);
        }
    }
}
