package io.lvnet.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One face detector per thread, for parallel work: OpenCV's cascade and networks are not
 * thread-safe, and sharing one synchronised detector would serialise the threads.
 */
public final class PerThreadFaceDetectors implements AutoCloseable {
    private final FaceDetectorChoice choice;
    private final List<FaceDetector> all = Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<FaceDetector> mine = ThreadLocal.withInitial(this::open);

    /** The default detector ({@link FaceDetectorChoice#DEFAULT}) per thread. */
    public PerThreadFaceDetectors() {
        this(FaceDetectorChoice.DEFAULT);
    }

    /** The chosen detector per thread. */
    public PerThreadFaceDetectors(FaceDetectorChoice choice) {
        this.choice = Objects.requireNonNull(choice, "choice");
    }

    /** The detector each thread gets. */
    public FaceDetectorChoice choice() {
        return choice;
    }

    /**
     * This thread's detector, created on first use.
     *
     * @throws UncheckedIOException if the detector's model cannot be loaded
     */
    public FaceDetector get() {
        return mine.get();
    }

    private FaceDetector open() {
        try {
            FaceDetector d = choice.open();
            all.add(d);
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes every thread's detector. */
    @Override
    public void close() {
        all.forEach(FaceDetector::close);
    }
}
