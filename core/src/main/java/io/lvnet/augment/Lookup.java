package io.lvnet.augment;

/** Table lookups on interleaved 8-bit pixels, as OpenCV's {@code LUT}. */
final class Lookup {
    private Lookup() {
    }

    /** The same 256-entry table for every channel. */
    static byte[] apply(byte[] pixels, byte[] table) {
        byte[] out = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = table[pixels[i] & 0xff];
        }
        return out;
    }

    /** One 256-entry table per channel of a three-channel image. */
    static byte[] apply(byte[] pixels, byte[] first, byte[] second, byte[] third) {
        byte[] out = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i += 3) {
            out[i] = first[pixels[i] & 0xff];
            out[i + 1] = second[pixels[i + 1] & 0xff];
            out[i + 2] = third[pixels[i + 2] & 0xff];
        }
        return out;
    }

    /**
     * A value clamped to [0, 255] and truncated towards zero, as NumPy's
     * {@code np.clip(x, 0, 255).astype(np.uint8)} in the reference (truncation, not rounding).
     */
    static byte clipTruncate(double value) {
        if (!(value > 0)) {
            return 0;
        }
        return (byte) (int) Math.min(value, 255.0);
    }
}
