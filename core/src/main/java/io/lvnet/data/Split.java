package io.lvnet.data;

import java.util.Locale;

/** Which part of a dataset a frame belongs to. Datasets split by identity, never by frame. */
public enum Split {
    TRAIN, VAL, TEST;

    /** The name used in files: {@code train}, {@code val}, {@code test}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}. */
    public static Split of(String id) {
        for (Split s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown split '" + id + "' (expected train, val or test)");
    }
}
