package io.lvnet.augment;

import java.util.Arrays;
import java.util.Locale;

/**
 * How much of LVNet's training augmentation to apply; the configuration's
 * {@code datasets.augmentation}.
 */
public enum Augmentation {
    /** The paper's recipe: geometric and photometric transforms ({@link AugmentationRecipe#reference}). */
    REFERENCE,
    /** Only the recipe's geometric transforms, which move image and masks together. */
    GEOMETRIC,
    /** None: resize only, as for evaluation. */
    NONE,
    /**
     * What uploads go through and nothing else ({@link AugmentationRecipe#uploads}): JPEG
     * re-compression and down-and-up resizing, each on some faces, then the resize to the input.
     */
    UPLOADS,
    /** Half the faces mirrored, nothing else ({@link AugmentationRecipe#mirror}). */
    MIRROR;

    /** The recipe that turns decoded faces of any size into {@code size x size} network inputs. */
    public AugmentationRecipe recipe(int size) {
        // the reference recipe crops to its output size: other sizes are brought to the model's first
        return switch (this) {
            case REFERENCE -> new AugmentationRecipe(
                    Pipeline.of(new Resize(size, size), AugmentationRecipe.reference(size).transforms()), size);
            case GEOMETRIC -> new AugmentationRecipe(
                    Pipeline.of(new Resize(size, size), AugmentationRecipe.geometric(size).transforms()), size);
            case NONE -> AugmentationRecipe.evaluation(size);
            case UPLOADS -> AugmentationRecipe.uploads(size);
            case MIRROR -> AugmentationRecipe.mirror(size);
        };
    }

    /** Parses {@code reference}, {@code geometric}, {@code none}, {@code uploads} or {@code mirror}. */
    public static Augmentation parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown augmentation '" + name + "'; one of "
                    + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}
