package io.lvnet.archfixture.b;

import io.lvnet.archfixture.a.Upper;

/** The other half of the planted cycle. */
public final class Lower {
    /** A size {@code a} reads (a method: a constant would be inlined, and the dependency gone). */
    public static int size() {
        return 3;
    }

    /** Uses the upper package back, closing the cycle. */
    public static int twice() {
        return 2 * Upper.size();
    }
}
