package io.lvnet.synth;

import io.lvnet.blend.Rng;

/**
 * What stays fixed through a clip: the background and the light. A fake is rendered into the
 * same scene as the real clip it is made from.
 *
 * @param background drawn at the renderer's working resolution
 * @param lighting the clip's light
 */
public record Scene(Background background, Lighting lighting) {
    /** A random scene for a frame size (drawn at the renderer's working resolution). */
    public static Scene random(Rng rng, int frameSize) {
        return new Scene(Background.random(rng, frameSize * FaceRenderer.SUPERSAMPLE), Lighting.random(rng));
    }
}
