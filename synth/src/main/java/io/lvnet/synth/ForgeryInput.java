package io.lvnet.synth;

import io.lvnet.blend.Rng;

import io.lvnet.blend.RenderedFrame;

/**
 * Everything a manipulation may use to forge one frame: the real frame and how it was made
 * (target identity, expression, pose, scene), and the source: the other identity of the
 * {@code target_source} pair, with its own video's frame (expression, pose, scene).
 *
 * @param renderer renders faces at the frame size
 * @param scene the real clip's scene
 * @param target who the real frame shows
 * @param expression the real frame's expression
 * @param pose the real frame's head pose
 * @param real the real frame
 * @param source the source identity
 * @param sourceScene the source video's scene
 * @param sourceExpression the source video's expression in this frame (the driver)
 * @param sourcePose the source video's head pose in this frame
 * @param sourceNoise the sensor noise stream of the source video's frame, so that a method that
 *     renders the source footage gets exactly the source video's frame
 * @param rng this frame's stream for this manipulation
 */
public record ForgeryInput(FaceRenderer renderer, Scene scene, Identity target, Expression expression, HeadPose pose,
        RenderedFrame real, Identity source, Scene sourceScene, Expression sourceExpression, HeadPose sourcePose,
        Rng sourceNoise, Rng rng) {

    /** Pixels per face unit in this frame. */
    double unit() {
        return pose.scale() * renderer.size();
    }
}
