package io.lvnet.synth;

import io.lvnet.blend.Rng;

import io.lvnet.blend.Forgery;

/**
 * A face manipulation. One instance serves one fake clip: its parameters (how strong the
 * colour mismatch is, how blurred the decoder output, ...) are drawn once per clip, as one run
 * of a real tool has fixed settings, and then applied frame by frame.
 */
public abstract class Manipulation {
    /** The family this manipulation models. */
    public abstract Method method();

    /**
     * Forges one frame. Pixels outside the manipulation's blend region are copied from the real
     * frame unchanged.
     */
    public abstract Forgery forge(ForgeryInput in);

    /**
     * A manipulation of the given family with parameters drawn for one clip.
     *
     * @param method the family
     * @param clip the clip's stream for this method
     */
    public static Manipulation create(Method method, Rng clip) {
        return switch (method) {
            case DEEPFAKES -> new IdentitySwap(clip);
            case FACE2FACE -> new ExpressionReenactment(clip);
            case FACESWAP -> new LandmarkSwap(clip);
            case NEURAL_TEXTURES -> new MouthRerender(clip);
        };
    }
}
