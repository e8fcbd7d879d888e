package io.lvnet.synth;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import io.lvnet.data.OpenCvImages;
import io.lvnet.data.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;

/** Test helpers: images from files, pixel statistics, folder comparisons. */
final class Images {
    private Images() {
    }

    static Raster bgr(Path file) throws IOException {
        try (Mat m = OpenCvImages.readBgr(file)) {
            return Raster.of(m);
        }
    }

    static Raster grey(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing " + file);
        }
        try (Mat m = imread(file.toString(), IMREAD_GRAYSCALE)) {
            return Raster.of(m);
        }
    }

    /** Mean absolute difference over all values. */
    static double mae(Raster a, Raster b) {
        byte[] x = a.data();
        byte[] y = b.data();
        if (x.length != y.length) {
            throw new IllegalArgumentException(a + " vs " + b);
        }
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
        }
        return (double) sum / x.length;
    }

    /** Every regular file under a folder, relative, sorted. */
    static List<Path> files(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).map(dir::relativize).sorted(Comparator.comparing(Path::toString))
                    .forEach(out::add);
        }
        return out;
    }
}
