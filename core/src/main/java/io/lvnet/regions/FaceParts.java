package io.lvnet.regions;

import io.lvnet.data.FaceBox;
import io.lvnet.data.Raster;
import io.lvnet.landmarks.FacialPart;
import io.lvnet.landmarks.Landmarks;
import io.lvnet.landmarks.Region;
import java.util.List;

/**
 * Where one face's parts are, in a picture's pixels (regions may reach past the picture).
 *
 * @param face the face box
 * @param mouth the mouth's region
 * @param eyes both eyes' region
 * @param nose the nose's region
 * @param referenceSlicing whether {@link #mask} draws the regions as the reference's NumPy slice
 *     does ({@link Region#numpySlice}; landmark regions), or clipped to the picture (geometry)
 */
public record FaceParts(Region face, Region mouth, Region eyes, Region nose, boolean referenceSlicing) {
    /** The parts that have regions, in the order of the index's columns. */
    public static final List<String> PARTS = List.of("mouth", "eyes", "nose");

    /**
     * The parts as the reference draws its reference regions from a face's 68 landmarks: each
     * part's {@link Landmarks#region} widened by {@link Landmarks#REFERENCE_MARGIN}, masks sliced
     * as NumPy slices ({@link Region#numpySlice}).
     *
     * @param box the face box (the rest of the face)
     */
    public static FaceParts of(Landmarks landmarks, FaceBox box) {
        return new FaceParts(region(box), landmarks.region(FacialPart.MOUTH, Landmarks.REFERENCE_MARGIN),
                landmarks.region(FacialPart.EYES, Landmarks.REFERENCE_MARGIN),
                landmarks.region(FacialPart.NOSE, Landmarks.REFERENCE_MARGIN), true);
    }

    /** A face box as a region. */
    public static Region region(FaceBox box) {
        return new Region(box.x(), box.y(), box.x() + box.width(), box.y() + box.height());
    }

    /** The region of {@code mouth}, {@code eyes} or {@code nose}. */
    public Region part(String name) {
        return switch (name) {
            case "mouth" -> mouth;
            case "eyes" -> eyes;
            case "nose" -> nose;
            default -> throw new IllegalArgumentException("unknown region '" + name + "' (mouth, eyes or nose)");
        };
    }

    /** A part's region as a {@code width x height} mask, 255 inside (see {@code referenceSlicing}). */
    public Raster mask(String part, int width, int height) {
        Region r = part(part);
        return (referenceSlicing ? r.numpySlice(width, height) : r).toMask(width, height);
    }

    /**
     * The same parts in another picture's pixels, {@code (p - origin) * scale}: e.g. those of a
     * face crop cut at {@code (originX, originY)} and resized by {@code scale}. Edges are
     * rounded to the nearest pixel.
     */
    public FaceParts mapped(double originX, double originY, double scale) {
        return new FaceParts(map(face, originX, originY, scale), map(mouth, originX, originY, scale),
                map(eyes, originX, originY, scale), map(nose, originX, originY, scale), referenceSlicing);
    }

    private static Region map(Region r, double ox, double oy, double s) {
        return new Region((int) Math.round((r.left() - ox) * s), (int) Math.round((r.top() - oy) * s),
                (int) Math.round((r.right() - ox) * s), (int) Math.round((r.bottom() - oy) * s));
    }
}
