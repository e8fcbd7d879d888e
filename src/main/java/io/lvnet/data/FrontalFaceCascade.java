package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * OpenCV's Haar cascade for frontal faces ({@code haarcascade_frontalface_alt.xml}), as bundled
 * in the OpenCV jar: no download, no configuration. It is a weak detector by today's standards
 * but it is always there; it finds frontal, evenly lit faces. One instance is not safe for
 * concurrent use; give each thread its own.
 */
public final class FrontalFaceCascade implements AutoCloseable {
    private static final String RESOURCE =
            "/org/bytedeco/opencv/linux-x86_64/share/opencv4/haarcascades/haarcascade_frontalface_alt.xml";
    private static Path extracted;

    private final CascadeClassifier cascade;

    /** Loads the bundled cascade. */
    public FrontalFaceCascade() {
        cascade = new CascadeClassifier(file().toString());
        // created inside a caller's pointer scope, the classifier would die with that scope:
        // take a reference of our own, which close() gives back
        PointerScope scope = PointerScope.getInnerScope();
        if (scope != null) {
            cascade.retainReference();
            scope.detach(cascade);
        }
        if (cascade.empty()) {
            throw new IllegalStateException("OpenCV could not load the face cascade " + RESOURCE);
        }
    }

    /** The cascade copied once per process to a temporary file, since OpenCV reads files only. */
    private static synchronized Path file() {
        if (extracted == null) {
            try (InputStream in = FrontalFaceCascade.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the OpenCV jar for this platform lacks " + RESOURCE);
                }
                Path tmp = Files.createTempFile("lvnet-frontalface", ".xml");
                tmp.toFile().deleteOnExit();
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                extracted = tmp;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract the face cascade", e);
            }
        }
        return extracted;
    }

    /**
     * Faces in an image, largest first.
     *
     * @param bgr 8-bit BGR image; not closed
     * @param minSize smallest face side to look for, in pixels
     * @return boxes in pixels
     */
    public List<FaceBox> detect(Mat bgr, int minSize) {
        try (Mat grey = new Mat(); RectVector found = new RectVector(); Size min = new Size(minSize, minSize);
                Size max = new Size()) {
            cvtColor(bgr, grey, COLOR_BGR2GRAY);
            equalizeHist(grey, grey);
            cascade.detectMultiScale(grey, found, 1.1, 3, 0, min, max);
            List<FaceBox> boxes = new ArrayList<>();
            for (long i = 0; i < found.size(); i++) {
                Rect r = found.get(i);
                boxes.add(new FaceBox(r.x(), r.y(), r.width(), r.height()));
            }
            boxes.sort((a, b) -> Long.compare((long) b.width() * b.height(), (long) a.width() * a.height()));
            return boxes;
        }
    }

    @Override
    public void close() {
        cascade.close();
    }
}
