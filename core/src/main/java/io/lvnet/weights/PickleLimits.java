package io.lvnet.weights;

/**
 * Bounds on what one checkpoint pickle may ask of the reader. A checkpoint, however large its
 * tensors, pickles to a small structure: a few thousand objects, nested a handful of levels,
 * integers of at most 64 bits. Each bound is orders of magnitude above that, and low enough
 * that a hostile pickle is refused in well under a second and a few hundred MiB.
 */
final class PickleLimits {
    /**
     * Decimal digits of an integer written as text (INT, LONG), as Python's default
     * {@code sys.get_int_max_str_digits()}: parsing text into a big integer takes quadratic
     * time, so longer literals are refused before they are parsed.
     */
    static final int MAX_INT_DIGITS = 4300;

    /** Bytes of a binary integer (LONG4): as many as {@link #MAX_INT_DIGITS} digits need. */
    static final int MAX_INT_BYTES = 1786;

    /** Opcodes in one pickle; each costs at least one byte, so this also bounds its size. */
    static final long MAX_OPCODES = 20_000_000;

    /** Entries in the memo (objects a pickle may refer back to). */
    static final int MAX_MEMO = 1_000_000;

    /** Values on the unpickling stack at once, marks included. */
    static final int MAX_STACK = 1_000_000;

    /** Nesting of containers (dict in list in tuple ...); checkpoints nest fewer than ten. */
    static final int MAX_DEPTH = 100;

    /** Characters of a module or global name. */
    static final int MAX_NAME_CHARS = 1000;

    /** Bytes of a zip checkpoint's {@code data.pkl} once inflated. */
    static final int MAX_PICKLE_BYTES = 128 << 20;

    /** Dimensions of one tensor. */
    static final int MAX_RANK = 64;

    private PickleLimits() {
    }
}
