package io.lvnet.synth;

import io.lvnet.blend.Rng;

import io.lvnet.blend.RenderedFrame;

import io.lvnet.blend.Forgery;

import io.lvnet.blend.Blend;

import io.lvnet.data.Raster;

/**
 * FaceSwap-style graphics swap. The source person's face, taken from the source video's
 * frame, is warped triangle by triangle from its landmarks onto the target's (as a
 * landmark-fitted mesh does) and pasted with a hard-edged mask over the whole face from brows to
 * chin. Traces: a sharp seam along the face hull, interpolation blur and shears from the warp,
 * features that wobble because the landmarks jitter from frame to frame, and a colour only partly
 * corrected. Mask extent: the convex hull of all landmarks.
 */
final class LandmarkSwap extends Manipulation {
    private final double colourResidual;
    private final double jitter;
    private final double feather;

    LandmarkSwap(Rng rng) {
        colourResidual = rng.uniform(0.1, 0.35);
        jitter = rng.uniform(0.3, 1.0);
        feather = rng.uniform(0.6, 1.2);
    }

    @Override
    public Method method() {
        return Method.FACESWAP;
    }

    @Override
    public Forgery forge(ForgeryInput in) {
        int size = in.renderer().size();
        RenderedFrame source = in.renderer().render(in.sourceScene(), in.source(), in.sourceExpression(),
                in.sourcePose(), in.sourceNoise());
        double[][] target = in.real().landmarks();
        double[][] fitted = new double[target.length][];
        for (int i = 0; i < target.length; i++) {
            fitted[i] = new double[] {target[i][0] + jitter * in.rng().gaussian(), target[i][1] + jitter * in.rng().gaussian()};
        }
        Raster warped = PiecewiseAffine.warp(source.image(), source.landmarks(), in.real().image(), fitted);
        float[] w = Blend.weight(size, Blend.hull(target), -1, feather);
        warped = Blend.matchColour(warped, in.real().image(), w, colourResidual);
        return new Forgery(Blend.blend(in.real().image(), warped, w), w, in.real().regions());
    }
}
