package io.lvnet.synth;

import io.lvnet.blend.Rng;

import io.lvnet.data.IdentitySplits;
import io.lvnet.data.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who is in which video and split, and which video each fake takes its source from. Every
 * piece is a pure function of the options (above all the seed), so any clip can be generated on
 * any thread at any time with the same result.
 *
 * <p>Videos are numbered identity by identity ({@code 000}, {@code 001}, ...); identity {@code i}
 * is {@code id%03d}. Like FaceForensics++, every real video {@code a} is paired with a source
 * video {@code b} of another identity in the same split, and its fakes are named
 * {@code a_b}.
 */
public final class SynthPlan {
    private final SynthOptions options;
    private final Split[] splits;
    private final int[] sources;

    /** Plans a run. */
    public SynthPlan(SynthOptions options) {
        this.options = options;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < options.identities(); i++) {
            names.add(identityId(i));
        }
        Map<String, Split> assigned = IdentitySplits.assign(names, Rng.derive(options.seed(), "split", 0).nextLong());
        splits = new Split[options.identities()];
        for (int i = 0; i < splits.length; i++) {
            splits[i] = assigned.get(identityId(i));
        }
        sources = new int[videoCount()];
        for (int v = 0; v < sources.length; v++) {
            List<Integer> candidates = new ArrayList<>();
            for (int u = 0; u < sources.length; u++) {
                if (identityOf(u) != identityOf(v) && split(identityOf(u)) == split(identityOf(v))) {
                    candidates.add(u);
                }
            }
            sources[v] = candidates.get(Rng.derive(options.seed(), "pair", v).nextInt(candidates.size()));
        }
    }

    /** The options planned for. */
    public SynthOptions options() {
        return options;
    }

    /** How many real videos. */
    public int videoCount() {
        return options.identities() * options.videosPerIdentity();
    }

    /** The identity shown in video {@code v}. */
    public int identityOf(int v) {
        return v / options.videosPerIdentity();
    }

    /** The split of identity {@code i}. */
    public Split split(int identity) {
        return splits[identity];
    }

    /** The name of identity {@code i}. */
    public static String identityId(int i) {
        return String.format(Locale.ROOT, "id%03d", i);
    }

    /** The name of real video {@code v}. */
    public static String videoId(int v) {
        return String.format(Locale.ROOT, "%03d", v);
    }

    /** The source video of the fakes of video {@code v}: another identity, same split. */
    public int source(int v) {
        return sources[v];
    }

    /** The name of the fakes of video {@code v}: {@code target_source}. */
    public String fakeVideoId(int v) {
        return videoId(v) + "_" + videoId(sources[v]);
    }

    /** The person of identity {@code i}. */
    public Identity identity(int i) {
        return Identity.random(Rng.derive(options.seed(), "identity", i));
    }

    /** Everything about real video {@code v} except its pixels. */
    public Video video(int v) {
        long seed = options.seed();
        int frames = options.frames();
        return new Video(v, identityOf(v), identity(identityOf(v)), Scene.random(Rng.derive(seed, "scene", v), options.size()),
                Expression.track(Rng.derive(seed, "expression", v), frames), HeadPose.track(Rng.derive(seed, "pose", v), frames));
    }

    /** The sensor noise stream of frame {@code f} of real video {@code v}. */
    public Rng noise(int v, int f) {
        return Rng.derive(options.seed(), "noise/" + v, f);
    }

    /** The parameter stream of a manipulation for the fakes of video {@code v}. */
    public Rng manipulation(Method m, int v) {
        return Rng.derive(options.seed(), "manipulation/" + m.id(), v);
    }

    /** The per-frame stream of a manipulation. */
    public Rng forgery(Method m, int v, int f) {
        return Rng.derive(options.seed(), "forgery/" + m.id() + "/" + v, f);
    }

    /**
     * A real video's content.
     *
     * @param index video number
     * @param identity identity number
     * @param person the identity's appearance
     * @param scene background and light
     * @param expressions one per frame
     * @param poses one per frame
     */
    public record Video(int index, int identity, Identity person, Scene scene, List<Expression> expressions,
            List<HeadPose> poses) {
    }
}
