package io.lvnet.synth;

import io.lvnet.blend.Rng;

import java.util.ArrayList;
import java.util.List;

/**
 * A facial expression: how far the mouth and jaw are open, the smile, the brows and the eye
 * lids. Expressions change from frame to frame; the identity does not.
 *
 * @param mouthOpen 0 (closed) to 1 (wide open); the jaw drops with it
 * @param smile -0.5 (corners down) to 1 (broad smile)
 * @param browRaise -0.5 (frown) to 1 (raised)
 * @param eyeOpen 0 (closed) to 1 (open)
 */
public record Expression(double mouthOpen, double smile, double browRaise, double eyeOpen) {
    /** A relaxed face. */
    public static final Expression NEUTRAL = new Expression(0, 0, 0, 1);

    /**
     * A smooth sequence of expressions for a clip: a random resting expression, slow
     * oscillations (speech-like mouth movement), and now and then a blink.
     *
     * @param rng the clip's stream
     * @param frames how many frames
     * @return one expression per frame
     */
    public static List<Expression> track(Rng rng, int frames) {
        double mouth = rng.chance(0.3) ? rng.uniform(0.2, 0.7) : rng.uniform(0, 0.2);
        double smile = rng.uniform(-0.3, 0.9);
        double brow = rng.uniform(-0.3, 0.6);
        Wave mouthWave = new Wave(rng, 0.3, 0.9);
        Wave smileWave = new Wave(rng, 0.1, 0.25);
        Wave browWave = new Wave(rng, 0.1, 0.3);
        // a blink lasts about one frame; most clips have none
        int blinkAt = rng.chance(0.25) ? rng.nextInt(Math.max(1, frames)) : -1;
        List<Expression> out = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            double open = clamp(mouth + mouthWave.at(f), 0, 1);
            double eye = f == blinkAt ? 0.15 : 1 - 0.1 * Math.abs(browWave.at(f + 3));
            out.add(new Expression(open, clamp(smile + smileWave.at(f), -0.5, 1),
                    clamp(brow + browWave.at(f), -0.5, 1), clamp(eye, 0, 1)));
        }
        return out;
    }

    /** Another expression with {@code mouthOpen} and {@code smile} from {@code other}. */
    public Expression withMouthOf(Expression other) {
        return new Expression(other.mouthOpen, other.smile, browRaise, eyeOpen);
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** A slow random sinusoid: amplitude, period in frames and phase drawn once. */
    static final class Wave {
        private final double amplitude;
        private final double omega;
        private final double phase;

        Wave(Rng rng, double maxAmplitude, double maxOmega) {
            amplitude = rng.uniform(0, maxAmplitude);
            omega = rng.uniform(0.05, maxOmega);
            phase = rng.uniform(0, 2 * Math.PI);
        }

        double at(double t) {
            return amplitude * Math.sin(omega * t + phase);
        }
    }
}
