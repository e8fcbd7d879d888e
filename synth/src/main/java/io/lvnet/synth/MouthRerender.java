package io.lvnet.synth;

import io.lvnet.blend.Rng;

import io.lvnet.blend.RenderedFrame;

import io.lvnet.blend.Forgery;

import io.lvnet.blend.Blend;

import io.lvnet.data.Raster;

/**
 * NeuralTextures-style re-rendering of the mouth. A neural renderer regenerates the mouth
 * region (with the source actor's mouth movement) from a learned texture, at a lower resolution
 * and upsampled by transposed convolutions. Traces: a periodic checkerboard-like pattern with
 * the upsampling factor as period, lost fine detail, and no sensor noise in the mouth region.
 * Mask extent: the mouth and a margin around it only.
 */
final class MouthRerender extends Manipulation {
    private final int factor;
    private final double checker;
    private final double margin;
    private final double feather;

    MouthRerender(Rng rng) {
        factor = rng.between(2, 4);
        checker = rng.uniform(0.05, 0.12);
        margin = rng.uniform(0.1, 0.16);
        feather = rng.uniform(0.03, 0.05);
    }

    @Override
    public Method method() {
        return Method.NEURAL_TEXTURES;
    }

    @Override
    public Forgery forge(ForgeryInput in) {
        int size = in.renderer().size();
        double unit = in.unit();
        Expression driven = in.expression().withMouthOf(in.sourceExpression());
        RenderedFrame rendered = in.renderer().render(in.scene(), in.target(), driven, in.pose(), null);
        double[][] mouth = Blend.concat(Blend.range(in.real().landmarks(), 48, 59),
                Blend.range(rendered.landmarks(), 48, 59));
        float[] w = Blend.weight(size, Blend.hull(mouth), margin * unit, feather * unit);
        Raster src = upsamplingArtefacts(Blend.resample(rendered.image(), 1.0 / factor));
        return new Forgery(Blend.blend(in.real().image(), src, w), w,
                Blend.regions(in.real().regions(), rendered.regions(), w, true, false, false));
    }

    /** The gain pattern a transposed convolution with uneven kernel overlap leaves. */
    private Raster upsamplingArtefacts(Raster img) {
        byte[] d = img.data();
        byte[] out = new byte[d.length];
        int w = img.width();
        int ch = img.channels();
        double k = 2 * Math.PI / factor;
        for (int p = 0; p < w * img.height(); p++) {
            int x = p % w;
            int y = p / w;
            double g = 1 + checker * Math.cos(k * x) * Math.cos(k * y);
            for (int c = 0; c < ch; c++) {
                out[p * ch + c] = (byte) Math.max(0, Math.min(255, Math.round((d[p * ch + c] & 0xff) * g)));
            }
        }
        return new Raster(w, img.height(), ch, out);
    }
}
