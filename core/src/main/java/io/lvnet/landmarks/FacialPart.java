package io.lvnet.landmarks;

/**
 * The parts of a face in dlib's 68-point layout (the iBUG 300-W annotation). "Right" and
 * "left" are the person's: the right eye is on the left of a frontal picture.
 */
public enum FacialPart {
    /** The jaw line, ear to ear: points 0-16. */
    JAW(0, 16),
    /** Both eyebrows: 17-21 (right) and 22-26 (left). */
    BROWS(17, 26),
    /** Bridge 27-30 and base 31-35 of the nose. */
    NOSE(27, 35),
    /** Both eyes: 36-41 (right) and 42-47 (left). */
    EYES(36, 47),
    /** Outer lip contour 48-59 and inner 60-67. */
    MOUTH(48, 67);

    private final int first;
    private final int last;

    FacialPart(int first, int last) {
        this.first = first;
        this.last = last;
    }

    /** The part's first point. */
    public int first() {
        return first;
    }

    /** The part's last point (inclusive). */
    public int last() {
        return last;
    }

    /** The part named {@code mouth}, {@code eyes}, ... (case-insensitive). */
    public static FacialPart named(String name) {
        for (FacialPart p : values()) {
            if (p.name().equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown facial part '" + name + "' (jaw, brows, nose, eyes or mouth)");
    }

    /** The lower-case name, as JSON and the CLI write it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
