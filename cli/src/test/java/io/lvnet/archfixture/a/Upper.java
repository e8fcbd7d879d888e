package io.lvnet.archfixture.a;

import io.lvnet.archfixture.b.Lower;

/** A planted cycle for {@link io.lvnet.ArchitectureTest}: this package uses {@code b}, which uses this one. */
public final class Upper {
    /** Uses the lower package. */
    public static int size() {
        return Lower.size();
    }
}
