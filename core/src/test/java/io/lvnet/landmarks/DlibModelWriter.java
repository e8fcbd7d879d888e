package io.lvnet.landmarks;

import java.io.ByteArrayOutputStream;

/**
 * Writes dlib's serialization format, as {@code dlib/serialize.h} and {@code float_details.h}
 * do, to craft small and hostile shape-predictor files for the reader's tests.
 */
final class DlibModelWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A signed integer: control byte (size, 0x80 if negative), then the magnitude's bytes, little-endian. */
    DlibModelWriter signed(long v) {
        boolean negative = v < 0;
        long m = negative ? -v : v;
        return magnitude(m, negative ? 0x80 : 0);
    }

    /** An unsigned integer. */
    DlibModelWriter unsigned(long v) {
        return magnitude(v, 0);
    }

    private DlibModelWriter magnitude(long m, int flags) {
        byte[] b = new byte[8];
        int size = 0;
        do {
            b[size++] = (byte) (m & 0xFF);
            m >>>= 8;
        } while (m != 0 && size < 8);
        out.write(size | flags);
        out.write(b, 0, size);
        return this;
    }

    /** A float: mantissa (24 significant bits) and exponent, trailing zero bytes shifted off. */
    DlibModelWriter float32(float v) {
        long mantissa = 0;
        int exponent = 0;
        if (Float.isNaN(v)) {
            exponent = 32002;
        } else if (Float.isInfinite(v)) {
            exponent = v > 0 ? 32000 : 32001;
        } else if (v != 0) {
            int exp = Math.getExponent(v) + 1; // frexp: v = f * 2^exp with 0.5 <= |f| < 1
            mantissa = (long) Math.scalb((double) v, 24 - exp);
            exponent = exp - 24;
            for (int i = 0; i < 8 && (mantissa & 0xFF) == 0; i++) {
                mantissa >>= 8;
                exponent += 8;
            }
        }
        return signed(mantissa).signed(exponent);
    }

    /** A {@code matrix<float,0,1>} in current dlib's form (sizes negated). */
    DlibModelWriter column(float... values) {
        signed(-values.length).signed(-1);
        for (float v : values) {
            float32(v);
        }
        return this;
    }

    /** Raw bytes. */
    DlibModelWriter raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /**
     * A one-level predictor of two points, (0, 0) and (1, 1) in the box, with one tree of one
     * split comparing feature pixel 0 (0.5 right and below point 0) with pixel 1 (0.5 right
     * and below point 1): the left leaf ({@code diff > thresh}) moves point 0 by
     * {@code (-0.25, 0.25)}, the right one point 1 by {@code (0.25, -0.1)}.
     */
    static byte[] tinyModel(float thresh) {
        return tinyModel(thresh, 1, 1);
    }

    /** {@link #tinyModel(float)} with the split's second pixel and the second pixel's anchor as given. */
    static byte[] tinyModel(float thresh, int idx2, int anchor1) {
        DlibModelWriter w = new DlibModelWriter();
        w.signed(1);                                 // version
        w.column(0, 0, 1, 1);                        // initial shape
        w.unsigned(1);                               // levels
        w.unsigned(1);                               // trees of level 0
        w.unsigned(1).unsigned(0).unsigned(idx2).float32(thresh); // splits: idx1, idx2, thresh
        w.unsigned(2).column(-0.25f, 0.25f, 0, 0).column(0, 0, 0.25f, -0.1f); // leaves
        w.unsigned(1).unsigned(2).unsigned(0).unsigned(anchor1); // anchors of level 0: points 0 and 1
        w.unsigned(1).unsigned(2).float32(0.5f).float32(0.5f).float32(0.5f).float32(0.5f); // offsets
        return w.bytes();
    }
}
