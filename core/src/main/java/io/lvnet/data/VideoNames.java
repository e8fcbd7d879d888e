package io.lvnet.data;

import java.util.regex.Pattern;

/**
 * The people a video's name says it shows, by the naming conventions of the public data sets.
 * Each method returns {@code [target]} or {@code [target, source]}: the person whose footage it
 * is and, for a fake, the person whose face or expression was put in.
 */
public final class VideoNames {
    private static final Pattern CELEB_ID = Pattern.compile("(?i)id\\d+");
    private static final Pattern FF_PAIR = Pattern.compile("\\d+_\\d+");

    private VideoNames() {
    }

    /** FaceForensics++: a real video {@code a} shows {@code a}; a fake {@code a_b} shows {@code a} with {@code b}. */
    public static String[] faceForensics(String video, boolean fake) {
        int us = video.indexOf('_');
        return fake && us > 0 ? new String[] {video.substring(0, us), video.substring(us + 1)} : new String[] {video};
    }

    /**
     * Celeb-DF: {@code id0_0000} shows celebrity {@code id0}; {@code id0_id16_0000} shows
     * {@code id0} with {@code id16}'s face; any other name (YouTube-real's {@code 00000}) is a
     * person of its own.
     */
    public static String[] celebDf(String video) {
        String[] parts = video.split("_");
        if (parts.length >= 2 && CELEB_ID.matcher(parts[0]).matches()) {
            return parts.length >= 3 && CELEB_ID.matcher(parts[1]).matches() ? new String[] {parts[0], parts[1]}
                    : new String[] {parts[0]};
        }
        return new String[] {video};
    }

    /**
     * DeepFakeDetection: {@code 01__walking} shows actor {@code 01};
     * {@code 01_02__walking__ABCD1234} shows {@code 01} with {@code 02}'s face. The part before
     * the first {@code __} names them; a name without one is taken whole.
     */
    public static String[] deepFakeDetection(String video) {
        int scene = video.indexOf("__");
        String who = scene > 0 ? video.substring(0, scene) : video;
        int us = who.indexOf('_');
        return us > 0 ? new String[] {who.substring(0, us), who.substring(us + 1)} : new String[] {who};
    }

    /**
     * The people of a video whose data set is not known: DFD's names contain {@code __},
     * Celeb-DF's start with {@code id<n>_}, FF++'s fakes are two numbers {@code a_b}; any other
     * name is a person of its own.
     */
    public static String[] anyDataSet(String video, boolean fake) {
        if (video.contains("__")) {
            return deepFakeDetection(video);
        }
        String[] celeb = celebDf(video);
        if (celeb.length > 1 || !celeb[0].equals(video)) {
            return celeb;
        }
        return fake && FF_PAIR.matcher(video).matches() ? faceForensics(video, true) : new String[] {video};
    }
}
