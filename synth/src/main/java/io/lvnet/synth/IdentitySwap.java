package io.lvnet.synth;

import io.lvnet.blend.Rng;

import io.lvnet.blend.RenderedFrame;

import io.lvnet.blend.Forgery;

import io.lvnet.blend.Blend;

import io.lvnet.data.Raster;

/**
 * Deepfakes-style identity swap. An autoencoder produces the source person's inner face with
 * the target's pose and expression, at its own low resolution, and the result is pasted over
 * the target through a soft mask on the inner face. Traces: the inner face is blurrier than the
 * rest of the frame (decoder resolution), its colour is only partly matched to the target's
 * skin, it carries no sensor noise, it jitters slightly from frame to frame, and the mask edge
 * is a broad soft seam. Mask extent: brows to chin, inside the jaw line.
 */
final class IdentitySwap extends Manipulation {
    private final int decoderPixels;
    private final double colourResidual;
    private final double shrink;
    private final double feather;
    private final double jitter;

    IdentitySwap(Rng rng) {
        decoderPixels = new int[] {64, 80, 96, 128}[rng.nextInt(4)];
        colourResidual = rng.uniform(0.25, 0.6);
        shrink = rng.uniform(0.08, 0.15);
        feather = rng.uniform(0.05, 0.09);
        jitter = rng.uniform(0.2, 0.8);
    }

    @Override
    public Method method() {
        return Method.DEEPFAKES;
    }

    @Override
    public Forgery forge(ForgeryInput in) {
        int size = in.renderer().size();
        double unit = in.unit();
        RenderedFrame swapped = in.renderer().render(in.scene(), in.source(), in.expression(), in.pose(), null);
        double[][] lm = in.real().landmarks();
        double[][] jaw = Blend.range(lm, 0, 16);
        double[][] inner = Blend.concat(Blend.shrunk(jaw, shrink, Blend.centroid(lm)), Blend.range(lm, 17, 26));
        float[] w = Blend.weight(size, Blend.hull(inner), 0, feather * unit);
        // the decoder renders the face at a fixed, usually lower, resolution
        double scale = Math.min(0.85, decoderPixels / (2.2 * unit));
        Raster src = Blend.resample(swapped.image(), scale);
        src = Blend.shift(src, in.rng().uniform(-jitter, jitter), in.rng().uniform(-jitter, jitter));
        src = Blend.matchColour(src, in.real().image(), w, colourResidual);
        return new Forgery(Blend.blend(in.real().image(), src, w), w,
                Blend.regions(in.real().regions(), swapped.regions(), w, true, true, true));
    }
}
