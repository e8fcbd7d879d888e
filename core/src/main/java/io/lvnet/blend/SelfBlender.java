package io.lvnet.blend;







import io.lvnet.data.FaceBox;
import io.lvnet.data.Raster;
import io.lvnet.blend.SelfBlendSettings.Region;
import io.lvnet.blend.SelfBlendSettings.Transform;

/**
 * Online self-blends (SBI, Shiohara and Yamasaki, CVPR 2022) as {@link SelfBlendSettings} say:
 * a region of the face ({@link SelfBlendRegions}), its outline deformed and feathered, a blend
 * ratio, and a copy of the face changed by the enabled transforms. Which of the two faces is
 * changed is drawn too (SBI's source-target swap): either the changed copy is blended into the
 * real face, or the real face into the changed copy; in both the moved and scaled one is the one
 * blended in.
 *
 * <p>The result's mask is exactly the pixels the blend changed in the face it was blended into,
 * the patch label of a supervised step. A blend is a pure function of the image, the regions and
 * the {@link Rng}, so training draws it from (seed, epoch, position) and resumes exactly.
 */
public final class SelfBlender {
    private static final int ATTEMPTS = 4;
    private final SelfBlendSettings settings;

    /** A blender with these settings. */
    public SelfBlender(SelfBlendSettings settings) {
        this.settings = settings;
    }

    /**
     * A self-blended image and its mask.
     *
     * @param image the fake (BGR)
     * @param target the face the copy was blended into: the real face, or its changed copy
     * @param mask 1 channel, 255 where {@code image} differs from {@code target}
     * @param region where the blend went
     */
    public record Result(Raster image, Raster target, Raster mask, Region region) {
    }

    /**
     * Blends a face with a changed copy of itself. A draw that would change no pixel (a tiny
     * region, a copy equal to the face) is drawn again, up to four times in all.
     *
     * @param real the face (BGR)
     * @param regions where the blend may go
     * @param rng this blend's stream
     */
    public Result blend(Raster real, SelfBlendRegions regions, Rng rng) {
        return blend(real, real, regions, rng);
    }

    /**
     * Blends a face with a changed copy of another face, already aligned to it (Face X-ray's
     * blended images); with {@code copyOf} the face itself, a self-blend.
     *
     * @param real the face (BGR)
     * @param copyOf what the changed copy is made of: {@code real}, or another face aligned to it
     *     ({@link FaceAlignment#onto}), the same size
     * @param regions where the blend may go, on {@code real}
     * @param rng this blend's stream
     */
    public Result blend(Raster real, Raster copyOf, SelfBlendRegions regions, Rng rng) {
        if (copyOf.width() != real.width() || copyOf.height() != real.height() || copyOf.channels() != real.channels()) {
            throw new IllegalArgumentException("the face to copy is " + copyOf + ", the face " + real);
        }
        Result r = null;
        for (int i = 0; i < ATTEMPTS && (r == null || !r.mask().anySet()); i++) {
            r = once(real, copyOf, regions, rng);
        }
        return r;
    }

    private Result once(Raster real, Raster copyOf, SelfBlendRegions regions, Rng rng) {
        FaceBox box = regions.box();
        Region region = settings.regions().get(rng.nextInt(settings.regions().size()));
        double[][] outline = SelfBlendRegions.deformed(regions.outline(region, rng), settings.deform(), rng);
        double scale = Math.max(box.width(), box.height());
        float[] w = Blend.weight(real.width(), real.height(), outline, rng.uniform(-0.03, 0.03) * scale,
                rng.uniform(settings.softenMin(), settings.softenMax()) * scale);
        double ratio = settings.ratios().get(rng.nextInt(settings.ratios().size()));
        if (ratio < 1) {
            for (int i = 0; i < w.length; i++) {
                w[i] *= (float) ratio;
            }
        }
        Raster changed = changed(copyOf, rng);
        boolean changeSource = rng.chance(0.5);
        Raster target = changeSource ? real : changed;
        Raster source = changeSource ? changed : real;
        if (settings.transforms().contains(Transform.SHIFT_SCALE)) {
            source = SourceTransforms.shiftScale(source, box, rng);
        }
        Raster fake = Blend.blend(target, source, w);
        return new Result(fake, target, ForgeryMask.of(target, fake), region);
    }

    /** The copy: colour and brightness (on {@code colour_share} of blends), then one change of detail, perhaps sensor noise, then perhaps JPEG. */
    private Raster changed(Raster real, Rng rng) {
        var t = settings.transforms();
        Raster out = real;
        // a draw only where some blends go without: the streams of earlier settings stay as they were
        boolean colour = settings.colourShare() >= 1 || rng.chance(settings.colourShare());
        if (colour && (t.contains(Transform.COLOUR) || t.contains(Transform.BRIGHTNESS))) {
            out = SourceTransforms.colour(out, rng, t.contains(Transform.BRIGHTNESS), t.contains(Transform.COLOUR));
        }
        out = SourceTransforms.detail(out, rng, t);
        // drawn only where enabled, so that the default settings' blends stay as they were
        if (t.contains(Transform.NOISE) && rng.chance(0.5)) {
            out = SourceTransforms.noisy(out, rng);
        }
        if (t.contains(Transform.JPEG) && rng.chance(0.3)) {
            out = SourceTransforms.jpeg(out, rng);
        }
        return out;
    }
}
