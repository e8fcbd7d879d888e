/**
 * LVNet's training augmentation: the reference's albumentations chain re-implemented on
 * OpenCV (through JavaCV), with image and masks transformed together.
 *
 * <p>A {@link io.lvnet.augment.Sample} (RGB image and named binary masks, on the Java heap)
 * goes through {@link io.lvnet.augment.Transform}s; each transform is a small immutable class
 * whose defaults are the recipe's, drawing every random choice from the generator passed in.
 * {@link io.lvnet.augment.AugmentationRecipe#reference(int)} composes the recipe with its
 * probabilities and normalises the result; {@link io.lvnet.augment.AugmentationRecipe#evaluation(int)}
 * only resizes.
 *
 * <p>Geometric transforms interpolate the image linearly and masks with nearest-neighbour,
 * so masks stay binary and aligned with the image. Image-only transforms leave masks alone.
 * Native memory is allocated and freed inside each call (a
 * {@link org.bytedeco.javacpp.PointerScope}), so nothing native outlives a transform.
 *
 * <p>Where this package departs from the reference on purpose: masks are resized with
 * half-pixel-centred nearest-neighbour ({@code INTER_NEAREST_EXACT}) rather than
 * {@code INTER_NEAREST}, which keeps them aligned with the linearly resized image; and
 * {@link io.lvnet.augment.FancyPca} combines the eigenvectors as the method describes rather
 * than through the reference's transposed matrix. Random streams differ from Python's, so
 * only the distributions, not individual draws, match the reference.
 */
package io.lvnet.augment;
