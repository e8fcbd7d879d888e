package io.lvnet.augment;

import io.lvnet.data.FaceCropPreprocessor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A chain of transforms that ends at a fixed square size, followed by the network's
 * normalisation. {@link #reference(int)} is LVNet's training augmentation,
 * {@link #evaluation(int)} the resize used for validation and testing.
 *
 * <p>A recipe holds no mutable state: loader threads may share one, each passing its own
 * generator. For results that do not depend on which thread takes which sample, seed a
 * generator per sample (see {@link #augment(Sample, long)}).
 */
public final class AugmentationRecipe {
    private final Transform transforms;
    private final int outputSize;

    /**
     * @param transforms the chain; must leave every sample {@code outputSize x outputSize}
     * @param outputSize side length of the network input
     */
    public AugmentationRecipe(Transform transforms, int outputSize) {
        if (outputSize <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + outputSize);
        }
        this.transforms = transforms;
        this.outputSize = outputSize;
    }

    /**
     * LVNet's training augmentation, in the reference's order. On image and masks together:
     * flip (p 0.5), quarter-turn rotation (p 0.5), random resized crop to
     * {@code outputSize} (area 0.3-1, square, p 0.4), shift-scale-rotate (p 0.5), centre
     * crop to {@code outputSize}. On the image only: grey (p 0.1), JPEG quality 60-100 (p 0.3),
     * Gaussian blur 3 (p 0.05), Gaussian noise variance 10-50 (p 0.1), and with p 0.5 one of
     * brightness-contrast, Fancy PCA, hue-saturation-value.
     *
     * <p>The input must be at least {@code outputSize} on each side (the reference's face
     * crops are 300 x 300 for 299); when the random crop does not fire, the centre crop keeps
     * only the central {@code outputSize} square, as in the reference.
     *
     * @param outputSize side of the network input: 299 for LVNet, 160 for the compact model
     * @return the recipe
     */
    public static AugmentationRecipe reference(int outputSize) {
        Transform geometric = geometric(outputSize).transforms();
        Pipeline photometric = Pipeline.of(
                new Sometimes(new ToGrey(), 0.1),
                new Sometimes(new JpegCompression(), 0.3),
                new Sometimes(new GaussianBlur(), 0.05),
                new Sometimes(new GaussianNoise(), 0.1),
                new Sometimes(new OneOf(List.of(new BrightnessContrast(), new FancyPca(), new HueSaturationValue())),
                        0.5));
        return new AugmentationRecipe(Pipeline.of(geometric, photometric), outputSize);
    }

    /**
     * The geometric half of {@link #reference}: flip, quarter-turn, random resized crop,
     * shift-scale-rotate and centre crop, on image and masks together; no photometric change.
     *
     * @param outputSize side of the network input
     * @return the recipe
     */
    public static AugmentationRecipe geometric(int outputSize) {
        return new AugmentationRecipe(Pipeline.of(
                new Sometimes(new RandomFlip(), 0.5),
                new Sometimes(new RandomRotate90(), 0.5),
                new Sometimes(new RandomResizedCrop(outputSize), 0.4),
                new Sometimes(new ShiftScaleRotate(), 0.5),
                new CentreCrop(outputSize)), outputSize);
    }

    /**
     * What social media and messengers do to an upload, and only that: JPEG at quality 30 to 95
     * (p 0.3) and a resize down to 35 to 90 % and back up, linear both ways (p 0.3), on the image
     * at the size it was decoded, then the resize to {@code outputSize}; about half the faces
     * pass untouched. No flips, colour or noise: the synthetic forgeries' traces are fine detail
     * that those wash out ({@code docs/experiments.md}), and these two are what the evaluation's
     * {@code --perturb jpeg:50 resize:0.5} measures.
     *
     * @param outputSize side of the network input
     * @return the recipe
     */
    public static AugmentationRecipe uploads(int outputSize) {
        return new AugmentationRecipe(Pipeline.of(
                new Sometimes(new JpegCompression(30, 95), 0.3),
                new Sometimes(new DownUpResize(0.35, 0.9), 0.3),
                new Resize(outputSize, outputSize)), outputSize);
    }

    /**
     * Half the faces mirrored (left and right swapped, image and masks together), then the resize to
     * {@code outputSize}: the only geometric change SBI trains with, and one that leaves every
     * pixel's detail as it was, so no forgery trace is resampled away.
     *
     * @param outputSize side of the network input
     * @return the recipe
     */
    public static AugmentationRecipe mirror(int outputSize) {
        return new AugmentationRecipe(Pipeline.of(new Sometimes(new Mirror(), 0.5), new Resize(outputSize, outputSize)),
                outputSize);
    }

    /**
     * The evaluation transform: resize image and masks to {@code outputSize} (image linear,
     * as {@link FaceCropPreprocessor}; masks nearest-neighbour), nothing random.
     *
     * @param outputSize side of the network input
     * @return the recipe
     */
    public static AugmentationRecipe evaluation(int outputSize) {
        return new AugmentationRecipe(new Resize(outputSize, outputSize), outputSize);
    }

    /** @return the chain of transforms, before normalisation */
    public Transform transforms() {
        return transforms;
    }

    /** @return side length of the output */
    public int outputSize() {
        return outputSize;
    }

    /**
     * Augments and normalises one sample.
     *
     * @param sample the input
     * @param random the source of every random draw
     * @return the network input and the masks at the output size
     * @throws IllegalStateException if the chain did not produce the output size
     */
    public AugmentedSample augment(Sample sample, RandomGenerator random) {
        Sample out = transforms.apply(sample, random);
        if (out.height() != outputSize || out.width() != outputSize) {
            throw new IllegalStateException("augmentation produced " + out.height() + "x" + out.width()
                    + ", expected " + outputSize + "x" + outputSize);
        }
        float[] image = FaceCropPreprocessor.normalise(out.rgbData(), outputSize);
        // copies, because a chain that changed nothing hands back the input's own arrays
        Map<String, byte[]> masks = new LinkedHashMap<>();
        out.maskData().forEach((name, mask) -> masks.put(name, mask.clone()));
        return new AugmentedSample(outputSize, image, Collections.unmodifiableMap(masks));
    }

    /**
     * Augments one sample with a generator of its own, seeded from {@code seed}: the same
     * seed always gives the same result, whichever thread runs it. Derive the seed from the
     * run's seed, the epoch and the sample's index.
     *
     * @param sample the input
     * @param seed the sample's seed
     * @return the network input and the masks at the output size
     */
    public AugmentedSample augment(Sample sample, long seed) {
        return augment(sample, new SplittableRandom(seed));
    }

    @Override
    public String toString() {
        return "AugmentationRecipe(" + outputSize + ": " + transforms + ")";
    }
}
