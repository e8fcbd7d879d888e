package io.lvnet.landmarks;

import java.nio.ByteBuffer;

/**
 * Reads the primitives of dlib's serialization format ({@code dlib/serialize.h}) from a buffer.
 *
 * <p>An integer is a control byte followed by its magnitude in little-endian order, with
 * leading zero bytes dropped: the control byte's low four bits give the number of bytes and
 * its top bit the sign (signed types only; for unsigned types a set top bit is an error). A
 * floating-point number is two such integers, a 64-bit mantissa and a 16-bit exponent, worth
 * {@code mantissa * 2^exponent}; exponents 32000, 32001 and 32002 mean +inf, -inf and NaN.
 * dlib's older text encoding of floats starts with a byte that has one of the bits
 * {@code 0x70} set; it is refused here (dlib has not written it since 2013).
 */
final class DlibStream {
    private static final int INF = 32000;
    private static final int NEG_INF = 32001;
    /** Bytes of the longest float: a control byte and 8 bytes of mantissa, a control byte and 2 of exponent. */
    private static final int MAX_FLOAT_BYTES = 12;

    private final ByteBuffer buf;
    private final String source;

    DlibStream(ByteBuffer buf, String source) {
        this.buf = buf;
        this.source = source;
    }

    /** Bytes not read yet. */
    long remaining() {
        return buf.remaining();
    }

    /** Offset of the next byte. */
    long position() {
        return buf.position();
    }

    /** An unsigned integer of at most {@code maxBytes} bytes (8 for dlib's {@code unsigned long}). */
    long unsigned(String what, int maxBytes) throws LandmarkModelException {
        int control = next(what);
        int size = control & 0x8F;
        if (size == 0 || size > maxBytes) {
            throw foreign(what + " has a bad control byte 0x" + Integer.toHexString(control));
        }
        return magnitude(what, size);
    }

    /** A signed integer of at most {@code maxBytes} bytes (4 for {@code int}, 8 for {@code long}). */
    long signed(String what, int maxBytes) throws LandmarkModelException {
        int control = next(what);
        int size = control & 0x0F;
        if (size == 0 || size > maxBytes) {
            throw foreign(what + " has a bad control byte 0x" + Integer.toHexString(control));
        }
        long v = magnitude(what, size);
        return (control & 0x80) != 0 ? -v : v;
    }

    /** A float, converted from dlib's mantissa and exponent as dlib converts it. */
    float float32(String what) throws LandmarkModelException {
        int p = buf.position();
        // the model is 16 million floats: those of the usual form (finite, and not near the
        // end of the buffer) are decoded here with one bounds check, the rest below
        if (buf.limit() - p >= MAX_FLOAT_BYTES) {
            int control = buf.get(p) & 0xFF;
            int size = control & 0x0F;
            if ((control & 0x70) == 0 && size >= 1 && size <= 8) {
                long mantissa = 0;
                for (int i = 0; i < size; i++) {
                    mantissa |= (long) (buf.get(p + 1 + i) & 0xFF) << (8 * i);
                }
                int q = p + 1 + size;
                int expControl = buf.get(q) & 0xFF;
                int expSize = expControl & 0x0F;
                if (expSize == 1 || expSize == 2) {
                    int exponent = (buf.get(q + 1) & 0xFF) | (expSize == 2 ? (buf.get(q + 2) & 0xFF) << 8 : 0);
                    if (exponent < INF) {
                        buf.position(q + 1 + expSize);
                        return Math.scalb((float) ((control & 0x80) != 0 ? -mantissa : mantissa),
                                (expControl & 0x80) != 0 ? -exponent : exponent);
                    }
                }
            }
        }
        need(what, 1);
        int first = buf.get(buf.position()) & 0xFF;
        if ((first & 0x70) != 0) {
            throw foreign(what + " is not in dlib's binary float encoding (byte 0x" + Integer.toHexString(first) + ")");
        }
        long mantissa = signed(what, 8);
        int exponent = (int) signed(what, 2);
        if (exponent < INF) {
            return Math.scalb((float) mantissa, exponent);
        }
        return switch (exponent) {
            case INF -> Float.POSITIVE_INFINITY;
            case NEG_INF -> Float.NEGATIVE_INFINITY;
            default -> Float.NaN;
        };
    }

    /** An index (or count) that must be at most {@code max}. */
    int index(String what, int max) throws LandmarkModelException {
        long v = unsigned(what, 8);
        if (v < 0 || v > max) {
            throw foreign(what + " is " + Long.toUnsignedString(v) + ", at most " + max + " expected");
        }
        return (int) v;
    }

    /**
     * The length of something whose elements take at least {@code minBytes} bytes each; a
     * length the rest of the file cannot hold means the file was cut short (or lies).
     */
    int length(String what, int minBytes) throws LandmarkModelException {
        int n = index(what, Integer.MAX_VALUE - 8);
        require(what, (long) n * minBytes);
        return n;
    }

    /** Fails as truncated unless {@code bytes} bytes are left for {@code what}. */
    void require(String what, long bytes) throws LandmarkModelException {
        if (buf.remaining() < bytes) {
            throw new LandmarkModelException(source + ": truncated: the file ends at byte " + buf.limit() + ", at least "
                    + (bytes - buf.remaining()) + " bytes before the end of " + what);
        }
    }

    /** The error for content no dlib shape predictor holds. */
    LandmarkModelException foreign(String detail) {
        return new LandmarkModelException(source + ": not a dlib shape predictor (" + detail + " at byte " + buf.position() + ")");
    }

    private long magnitude(String what, int size) throws LandmarkModelException {
        need(what, size);
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (long) (buf.get() & 0xFF) << (8 * i);
        }
        return v;
    }

    private int next(String what) throws LandmarkModelException {
        need(what, 1);
        return buf.get() & 0xFF;
    }

    private void need(String what, int bytes) throws LandmarkModelException {
        if (buf.remaining() < bytes) {
            throw new LandmarkModelException(source + ": truncated: the file ends at byte " + buf.limit()
                    + " while reading " + what);
        }
    }
}
