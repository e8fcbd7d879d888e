package io.lvnet.synth;

import io.lvnet.blend.Rng;

import io.lvnet.blend.RenderedFrame;

import io.lvnet.blend.Forgery;

import io.lvnet.blend.Blend;

import io.lvnet.data.Raster;

/**
 * Face2Face-style expression re-enactment. The target's own face is re-rendered by a
 * graphics model with the source actor's mouth and jaw movement and composited over the lower
 * face. Traces: the re-rendered part is smoother than camera footage (no sensor noise, a slight
 * blur), its shading is a little off (per-channel gain), and mouth and chin move in ways the
 * rest of the face does not follow. Mask extent: from the nostrils down over mouth, jaw and
 * chin (both the old and the new chin).
 */
final class ExpressionReenactment extends Manipulation {
    private final double blur;
    private final double[] gain;
    private final double grow;
    private final double feather;

    ExpressionReenactment(Rng rng) {
        blur = rng.uniform(0.4, 0.9);
        gain = new double[] {rng.uniform(0.95, 1.05), rng.uniform(0.95, 1.05), rng.uniform(0.95, 1.05)};
        grow = rng.uniform(0.03, 0.06);
        feather = rng.uniform(0.02, 0.035);
    }

    @Override
    public Method method() {
        return Method.FACE2FACE;
    }

    @Override
    public Forgery forge(ForgeryInput in) {
        int size = in.renderer().size();
        double unit = in.unit();
        Expression driven = in.expression().withMouthOf(in.sourceExpression());
        RenderedFrame reenacted = in.renderer().render(in.scene(), in.target(), driven, in.pose(), null);
        double[][] lower = Blend.concat(Blend.range(in.real().landmarks(), 2, 14),
                Blend.range(reenacted.landmarks(), 2, 14), Blend.range(in.real().landmarks(), 31, 35));
        float[] w = Blend.weight(size, Blend.hull(lower), grow * unit, feather * unit);
        Raster src = Blend.colour(Blend.blur(reenacted.image(), blur), gain, new double[3]);
        return new Forgery(Blend.blend(in.real().image(), src, w), w,
                Blend.regions(in.real().regions(), reenacted.regions(), w, true, false, false));
    }
}
