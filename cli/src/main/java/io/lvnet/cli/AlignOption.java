package io.lvnet.cli;

import picocli.CommandLine.Option;

/**
 * {@code --align}, one spelling and help for every command that crops faces ({@code prepare},
 * {@code detect}, {@code serve} and the Spark jobs).
 */
public final class AlignOption {
    @Option(names = "--align",
            description = {"Align each face before it is cropped: turned and scaled so that its eye centres, nose tip and",
                "mouth corners (from dlib's 68 landmarks) sit on a canonical template (ArcFace's, with the",
                "crop's margin), as DeepfakeBench aligns. Boxes stay in the picture's pixels; --json gives each",
                "face's input_to_image map. Needs dlib's model (Debian: libdlib-data)."})
    boolean align;

    /** Whether {@code --align} was given. */
    public boolean align() {
        return align;
    }
}
