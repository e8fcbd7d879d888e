package io.lvnet.augment;

import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;

import java.util.random.RandomGenerator;
import org.bytedeco.opencv.global.opencv_core;

/**
 * Rotates image and masks counter-clockwise by 0, 1, 2 or 3 quarter turns, each with
 * probability 1/4, as the reference's {@code RandomRotate90} ({@code np.rot90(img, k)} with
 * {@code k = randint(0, 3)}; note that one draw in four leaves the image unchanged). Only
 * permutes pixels, so masks stay exactly binary and aligned; a non-square image swaps its
 * height and width on odd turns.
 */
public final class RandomRotate90 implements Transform {
    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        return rotate(sample, drawQuarterTurns(random));
    }

    static int drawQuarterTurns(RandomGenerator random) {
        return random.nextInt(4);
    }

    /**
     * Rotates counter-clockwise (as displayed, y down) by {@code quarterTurns * 90} degrees:
     * one turn sends pixel {@code (y, x)} to {@code (width - 1 - x, y)}.
     *
     * @param sample the input
     * @param quarterTurns any integer; taken modulo 4
     * @return the rotated sample ({@code sample} itself for a multiple of 4)
     */
    public static Sample rotate(Sample sample, int quarterTurns) {
        int turns = Math.floorMod(quarterTurns, 4);
        if (turns == 0) {
            return sample;
        }
        int code = switch (turns) {
            case 1 -> ROTATE_90_COUNTERCLOCKWISE;
            case 2 -> ROTATE_180;
            default -> ROTATE_90_CLOCKWISE;
        };
        return Geometry.apply(sample, (src, dst, mask) -> opencv_core.rotate(src, dst, code));
    }

    @Override
    public String toString() {
        return "RandomRotate90";
    }
}
