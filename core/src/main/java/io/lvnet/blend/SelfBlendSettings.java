package io.lvnet.blend;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How online self-blends are made ({@code datasets.self_blend} of a training configuration).
 *
 * @param share the share of each training batch's faces that become self-blends (0..1), drawn
 *     among its real faces
 * @param valShare the same for validation batches, or null: {@code share} when the validation
 *     split has no fakes of its own, else 0
 * @param paired whether a blend's real face is also in its batch as a real face (as SBI trains:
 *     the network sees both and learns their difference, not the person); the frame the blend
 *     replaces then waits for another epoch
 * @param regions where blends may go, drawn uniformly per blend
 * @param transforms what may change in the blended copy
 * @param deform the largest wobble of the mask's outline, as a share of its radius
 * @param softenMin the least feathering of the mask, as a share of the face's width
 * @param softenMax the most feathering
 * @param ratios blend ratios (the copy's weight where the mask is full), drawn uniformly
 * @param colourShare the share of blends whose copy gets the colour and brightness shifts (when
 *     {@link Transform#COLOUR} or {@link Transform#BRIGHTNESS} is on); the others differ in
 *     texture only, as a re-rendered part in the face's own colours does
 * @param otherFace the share of blends whose copy is another real face of the batch, aligned to
 *     this one by its landmarks (else its face box), instead of the face itself: Face X-ray's
 *     blended images (Li et al., CVPR 2020), another person's face and camera in the region
 */
public record SelfBlendSettings(double share, Double valShare, boolean paired, List<Region> regions,
        Set<Transform> transforms, double deform, double softenMin, double softenMax, List<Double> ratios,
        double colourShare, double otherFace) {

    /** Settings whose every blend is of the face itself. */
    public SelfBlendSettings(double share, Double valShare, boolean paired, List<Region> regions,
            Set<Transform> transforms, double deform, double softenMin, double softenMax, List<Double> ratios,
            double colourShare) {
        this(share, valShare, paired, regions, transforms, deform, softenMin, softenMax, ratios, colourShare, 0.0);
    }

    /** Settings whose every blend gets the colour shifts that are on. */
    public SelfBlendSettings(double share, Double valShare, boolean paired, List<Region> regions,
            Set<Transform> transforms, double deform, double softenMin, double softenMax, List<Double> ratios) {
        this(share, valShare, paired, regions, transforms, deform, softenMin, softenMax, ratios, 1.0);
    }

    /** Where a blend goes. */
    public enum Region {
        /** The face's hull: from the landmarks, else an oval over the face box narrowing to the chin. */
        HULL,
        /** The face below the eyes: jaw and nose. */
        LOWER_FACE,
        /** The mouth and a margin. */
        MOUTH,
        /** Both eyes. */
        EYES,
        /** The nose. */
        NOSE,
        /** An ellipse of random size, shape, angle and place on the face. */
        ELLIPSE;

        /** The configuration's name: {@code hull}, {@code lower_face}, {@code mouth}, ... */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Region of(String id) {
            for (Region r : values()) {
                if (r.id().equalsIgnoreCase(id.strip())) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown self-blend region '" + id + "' (" + ids(values()) + ")");
        }
    }

    /** A change of the blended copy. */
    public enum Transform {
        /** Each colour channel's own gain and offset. */
        COLOUR,
        /** A gain and offset of all channels. */
        BRIGHTNESS,
        /** Unsharp masking (one of sharpen, blur and resize at most). */
        SHARPEN,
        /** Gaussian blur. */
        BLUR,
        /** Shrunk to 30-80 % and enlarged back. */
        RESIZE,
        /** JPEG at quality 40 to 100. */
        JPEG,
        /** Moved by up to 3 % and scaled by 0.95 to 1.05 (misalignment). */
        SHIFT_SCALE,
        /**
         * Rendered at a half to a quarter of the resolution and enlarged with a periodic gain, the
         * trace a neural renderer's transposed convolutions leave (one of the detail changes).
         */
        UPSAMPLING,
        /**
         * Gaussian sensor noise of 2 to 8 (8-bit units) on half of the copies: a blend whose two faces
         * differ in noise level, either way round (the region noisier, or cleaner, than the face).
         */
        NOISE;

        /** The configuration's name: {@code colour}, {@code brightness}, ..., {@code shift_scale}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Transform of(String id) {
            for (Transform t : values()) {
                if (t.id().equalsIgnoreCase(id.strip())) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown self-blend transform '" + id + "' (" + ids(values()) + ")");
        }
    }

    /**
     * The defaults: every region, SBI's transforms (all but {@code upsampling} and {@code noise}), SBI's ratios,
     * half of each batch, paired.
     */
    public static final SelfBlendSettings DEFAULT = new SelfBlendSettings(0.5, null, true, List.of(Region.values()),
            EnumSet.range(Transform.COLOUR, Transform.SHIFT_SCALE), 0.08, 0.01, 0.06, List.of(0.25, 0.5, 0.75, 1.0, 1.0, 1.0));

    public SelfBlendSettings {
        require(share >= 0 && share <= 1, "share must be between 0 and 1, got " + share);
        require(valShare == null || valShare >= 0 && valShare <= 1, "val_share must be between 0 and 1, got " + valShare);
        require(regions != null && !regions.isEmpty(), "regions must name at least one region");
        require(transforms != null, "transforms must be a list");
        require(deform >= 0 && deform <= 0.5, "deform must be between 0 and 0.5, got " + deform);
        require(softenMin >= 0 && softenMax >= softenMin && softenMax <= 0.5,
                "soften must be two shares of the face width, 0 <= min <= max <= 0.5");
        require(ratios != null && !ratios.isEmpty() && ratios.stream().allMatch(r -> r > 0 && r <= 1),
                "ratios must be values in (0, 1]");
        require(colourShare >= 0 && colourShare <= 1, "colour_share must be between 0 and 1, got " + colourShare);
        require(otherFace >= 0 && otherFace <= 1, "other_face must be between 0 and 1, got " + otherFace);
        regions = List.copyOf(regions);
        transforms = transforms.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(transforms));
        ratios = List.copyOf(ratios);
    }

    /**
     * Settings from a configuration's values, each null for its default.
     *
     * @throws IllegalArgumentException naming the value that is wrong
     */
    public static SelfBlendSettings of(Double share, Double valShare, Boolean paired, List<String> regions,
            List<String> transforms, Double deform, List<Double> soften, List<Double> ratios) {
        return of(share, valShare, paired, regions, transforms, deform, soften, ratios, null);
    }

    /**
     * Settings from a configuration's values, each null for its default, with {@code colour_share}.
     *
     * @throws IllegalArgumentException naming the value that is wrong
     */
    public static SelfBlendSettings of(Double share, Double valShare, Boolean paired, List<String> regions,
            List<String> transforms, Double deform, List<Double> soften, List<Double> ratios, Double colourShare) {
        return of(share, valShare, paired, regions, transforms, deform, soften, ratios, colourShare, null);
    }

    /**
     * Settings from a configuration's values, each null for its default, with {@code colour_share}
     * and {@code other_face}.
     *
     * @throws IllegalArgumentException naming the value that is wrong
     */
    public static SelfBlendSettings of(Double share, Double valShare, Boolean paired, List<String> regions,
            List<String> transforms, Double deform, List<Double> soften, List<Double> ratios, Double colourShare,
            Double otherFace) {
        SelfBlendSettings d = DEFAULT;
        if (soften != null && soften.size() != 2) {
            throw new IllegalArgumentException("soften must be [min, max], got " + soften);
        }
        return new SelfBlendSettings(share == null ? d.share : share, valShare, paired == null ? d.paired : paired,
                regions == null ? d.regions : regions.stream().map(Region::of).toList(),
                transforms == null ? d.transforms : transforms.stream().map(Transform::of).collect(
                        () -> EnumSet.noneOf(Transform.class), Set::add, Set::addAll),
                deform == null ? d.deform : deform, soften == null ? d.softenMin : soften.get(0),
                soften == null ? d.softenMax : soften.get(1), ratios == null ? d.ratios : ratios,
                colourShare == null ? d.colourShare : colourShare, otherFace == null ? d.otherFace : otherFace);
    }

    /** The share of validation faces to blend, given whether the validation split has fakes of its own. */
    public double validationShare(boolean validationHasFakes) {
        return valShare != null ? valShare : validationHasFakes ? 0 : share;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("self_blend: " + message);
        }
    }

    private static String ids(Enum<?>[] values) {
        StringBuilder sb = new StringBuilder();
        for (Enum<?> v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(v.name().toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }
}
