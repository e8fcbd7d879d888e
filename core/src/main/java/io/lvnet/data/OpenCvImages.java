package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes image files with OpenCV exactly as the reference's {@code cv2.imread(path)} does:
 * 8-bit, three channels, BGR order (grey images are expanded, alpha is dropped, EXIF
 * orientation is applied). The returned {@link Mat}s own native memory; close them.
 */
public final class OpenCvImages {
    private OpenCvImages() {
    }

    /**
     * Reads an image file as an 8-bit BGR matrix.
     *
     * @param file the image file (any format OpenCV decodes: PNG, JPEG, BMP, WebP, ...)
     * @return a new matrix of type {@code CV_8UC3}; the caller closes it
     * @throws NoSuchFileException if the file does not exist (message names it)
     * @throws IOException if the file is not a readable image (one-line message naming it)
     */
    public static Mat readBgr(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "cannot read image: no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("cannot read image " + file + ": not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read image " + file + ": permission denied");
        }
        Mat mat = imread(file.toAbsolutePath().toString(), IMREAD_COLOR);
        return checked(mat, file.toString());
    }

    /**
     * Decodes an encoded image held in memory (the bytes of a PNG, JPEG, ... file) as an
     * 8-bit BGR matrix, like {@code cv2.imdecode(buf, cv2.IMREAD_COLOR)}.
     *
     * @param encoded the encoded file content
     * @param source a name for the bytes, used in error messages (e.g. the archive entry)
     * @return a new matrix of type {@code CV_8UC3}; the caller closes it
     * @throws IOException if the bytes are not a decodable image
     */
    public static Mat decodeBgr(byte[] encoded, String source) throws IOException {
        if (encoded.length == 0) {
            throw new IOException("cannot read image " + source + ": empty");
        }
        try (BytePointer bytes = new BytePointer(encoded);
                Mat buffer = new Mat(1, encoded.length, CV_8UC1, bytes)) {
            return checked(imdecode(buffer, IMREAD_COLOR), source);
        }
    }

    private static Mat checked(Mat mat, String source) throws IOException {
        if (mat == null || mat.empty()) {
            if (mat != null) {
                mat.close();
            }
            throw new IOException("cannot read image " + source
                    + ": not an image or unsupported format");
        }
        return mat;
    }
}
