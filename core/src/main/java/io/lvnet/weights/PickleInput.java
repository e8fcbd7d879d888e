package io.lvnet.weights;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The byte stream one pickle is read from: it counts the bytes consumed and knows how many
 * are left before the end of its source, so that a length field in the pickle can be checked
 * before anything that size is allocated. The wrapped stream must support mark/reset.
 */
final class PickleInput extends FilterInputStream {
    private final long size;
    private long position;
    private long markedPosition;

    /**
     * @param in a stream supporting mark/reset, positioned at {@code start}
     * @param start position of {@code in} within its source, in bytes
     * @param size total size of the source in bytes
     */
    PickleInput(InputStream in, long start, long size) {
        super(in);
        if (!in.markSupported()) {
            throw new IllegalArgumentException("stream must support mark/reset");
        }
        this.position = start;
        this.size = size;
    }

    /** Bytes consumed so far, counted from the start of the source. */
    long position() {
        return position;
    }

    /** Bytes left before the end of the source. */
    long remaining() {
        return Math.max(0, size - position);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        position += skipped;
        return skipped;
    }

    @Override
    public synchronized void mark(int readlimit) {
        in.mark(readlimit);
        markedPosition = position;
    }

    @Override
    public synchronized void reset() throws IOException {
        in.reset();
        position = markedPosition;
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    /** Leaves the underlying stream open: the caller owns it. */
    @Override
    public void close() {
    }
}
