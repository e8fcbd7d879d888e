package io.lvnet.model.layers;

import ai.djl.ndarray.NDArray;

/**
 * A parameter store whose pass computes partly in bfloat16: it gives each layer its weights in
 * the type of the activation they are applied to. {@link InferenceParameters} does so for
 * inference, {@link MixedPrecisionParameters} for training.
 */
public interface PassPrecision {
    /** {@code w} in the type of the activation {@code x} it is applied to (null stays null). */
    NDArray weightFor(NDArray w, NDArray x);
}
