package io.lvnet.data;

/**
 * The square region of an image that becomes a face crop, in that image's pixel
 * coordinates. With {@link FaceCrops.Border#ZERO_PAD} it may reach outside the image
 * (negative {@code x}/{@code y} or beyond the right/bottom edge); those parts of the crop
 * are black.
 *
 * @param x left edge
 * @param y top edge
 * @param size side length, at least 1
 * @param imageWidth width of the image the box belongs to
 * @param imageHeight height of the image the box belongs to
 */
public record CropBox(int x, int y, int size, int imageWidth, int imageHeight) {
    /** Rejects empty boxes and images. */
    public CropBox {
        if (size <= 0) {
            throw new IllegalArgumentException("crop size must be positive, got " + size);
        }
        if (imageWidth <= 0 || imageHeight <= 0) {
            throw new IllegalArgumentException("image size must be positive, got "
                    + imageWidth + "x" + imageHeight);
        }
    }

    /** Whether the whole box lies inside the image (no padding needed). */
    public boolean insideImage() {
        return x >= 0 && y >= 0 && (long) x + size <= imageWidth && (long) y + size <= imageHeight;
    }
}
