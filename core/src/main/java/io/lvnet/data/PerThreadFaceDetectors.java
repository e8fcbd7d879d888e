package io.lvnet.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One bundled cascade detector per thread, for parallel work: OpenCV's cascade is not
 * thread-safe, and sharing one synchronised detector would serialise the threads.
 */
public final class PerThreadFaceDetectors implements AutoCloseable {
    private final List<CascadeFaceDetector> all = Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<CascadeFaceDetector> mine = ThreadLocal.withInitial(() -> {
        try {
            CascadeFaceDetector c = CascadeFaceDetector.bundled();
            all.add(c);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    /** This thread's detector, created on first use. */
    public CascadeFaceDetector get() {
        return mine.get();
    }

    /** Closes every thread's detector. */
    @Override
    public void close() {
        all.forEach(CascadeFaceDetector::close);
    }
}
