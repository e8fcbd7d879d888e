package io.lvnet.data;

import java.util.Locale;

/**
 * How strongly a frame's video was compressed, mirroring FaceForensics++'s three versions:
 * {@code none} (FF++ {@code raw}, lossless or nearly so), {@code light} (FF++ {@code c23}) and
 * {@code heavy} (FF++ {@code c40}).
 */
public enum CompressionLevel {
    /** Uncompressed or lossless: FF++'s {@code raw}. */
    NONE("raw"),
    /** Light compression: FF++'s {@code c23}. */
    LIGHT("c23"),
    /** Heavy compression: FF++'s {@code c40}. */
    HEAVY("c40");

    private final String ffpp;

    CompressionLevel(String ffpp) {
        this.ffpp = ffpp;
    }

    /** The name used in the index: {@code none}, {@code light}, {@code heavy}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** FaceForensics++'s folder name for this level: {@code raw}, {@code c23}, {@code c40}. */
    public String ffppName() {
        return ffpp;
    }

    /** Parses {@link #id()} or {@link #ffppName()}. */
    public static CompressionLevel of(String name) {
        for (CompressionLevel c : values()) {
            if (c.id().equals(name) || c.ffpp.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression '" + name + "' (expected none, light or heavy)");
    }
}
