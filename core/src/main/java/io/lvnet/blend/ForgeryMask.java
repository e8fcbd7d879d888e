package io.lvnet.blend;

import io.lvnet.data.Raster;

/**
 * The ground-truth mask of a fake: exactly the pixels whose 8-bit value the manipulation
 * changed, compared with the real frame it was made from, before compression. With soft
 * blending this is where the blend weight was large enough to change a value; pixels that a
 * manipulation happened to leave at their old value are not marked.
 */
public final class ForgeryMask {
    private ForgeryMask() {
    }

    /**
     * @param real the real frame (BGR)
     * @param fake the fake made from it, uncompressed (BGR, same size)
     * @return a 1-channel mask, 255 where any channel differs, else 0
     */
    public static Raster of(Raster real, Raster fake) {
        if (real.width() != fake.width() || real.height() != fake.height() || real.channels() != fake.channels()) {
            throw new IllegalArgumentException("real " + real + " and fake " + fake + " differ in shape");
        }
        int pixels = real.width() * real.height();
        int ch = real.channels();
        byte[] m = new byte[pixels];
        byte[] a = real.data();
        byte[] b = fake.data();
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < ch; c++) {
                if (a[p * ch + c] != b[p * ch + c]) {
                    m[p] = (byte) 255;
                    break;
                }
            }
        }
        return new Raster(real.width(), real.height(), 1, m);
    }
}
