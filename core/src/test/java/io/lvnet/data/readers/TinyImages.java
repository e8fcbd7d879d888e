package io.lvnet.data.readers;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.hconcat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Tiny test pictures: flat faces, square masks with sub-threshold noise, composites, landmark arrays. */
final class TinyImages {
    static final int SIZE = 32;

    private TinyImages() {
    }

    /** A flat BGR face of one grey level. */
    static Mat face(int level) {
        return new Mat(SIZE, SIZE, CV_8UC3, Scalar.all(level));
    }

    /**
     * A BGR mask: white in the square {@code [x, x + side) x [y, y + side)}, grey 100 (below the
     * binarisation threshold, like compression noise) in the top row elsewhere.
     */
    static Mat mask(int x, int y, int side) {
        Mat m = new Mat(SIZE, SIZE, CV_8UC3, Scalar.all(0));
        try (Rect noise = new Rect(0, 0, SIZE, 1); Mat row = new Mat(m, noise)) {
            row.put(Scalar.all(100));
        }
        try (Rect r = new Rect(x, y, side, side); Mat roi = new Mat(m, r)) {
            roi.put(Scalar.all(255));
        }
        return m;
    }

    /** Writes a picture as PNG (folders created). */
    static Path write(Path file, Mat picture) throws IOException {
        Files.createDirectories(file.getParent());
        if (!imwrite(file.toString(), picture)) {
            throw new IOException("cannot write " + file);
        }
        return file;
    }

    /** Writes the reference's {@code face | mask | mask} composite. */
    static Path composite(Path file, Mat face, Mat mask) throws IOException {
        try (MatVector parts = new MatVector(face, mask, mask); Mat whole = new Mat()) {
            hconcat(parts, whole);
            return write(file, whole);
        }
    }

    /**
     * Writes 68 landmarks as a NumPy {@code .npy} int64 array of shape (68, 2): every point at
     * (x, y) except the mouth (48-67) at {@code mouth}, the jaw's ends (0, 16) at the image's
     * left and right edges.
     */
    static Path landmarks(Path file, int x, int y, int[] mouth) throws IOException {
        long[] xy = new long[68 * 2];
        for (int i = 0; i < 68; i++) {
            boolean m = i >= 48;
            xy[2 * i] = m ? mouth[0] : x;
            xy[2 * i + 1] = m ? mouth[1] : y;
        }
        xy[0] = 0;
        xy[2 * 16] = SIZE - 1;
        String header = "{'descr': '<i8', 'fortran_order': False, 'shape': (68, 2), }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + xy.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        for (long v : xy) {
            b.putLong(v);
        }
        Files.createDirectories(file.getParent());
        return Files.write(file, b.array());
    }
}
