package io.lvnet.cli;

import io.lvnet.data.prepare.DatasetLayout;
import io.lvnet.data.prepare.DatasetLayouts;
import io.lvnet.data.FrameSampling;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code prepare} reads and how it samples and crops, as {@code lvnet prepare} and the Spark
 * prepare job both take it: {@code --dataset}, {@code --root}, {@code --splits}, {@code --frames} or
 * {@code --every}, {@code --size}, {@code --crop-scale}, {@code --align}. One declaration, so that the two commands
 * cannot drift apart in names, defaults or help.
 */
public final class PrepareSourceOptions {
    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "ffpp, celebdf, dfdcp, dfd or folder.")
    String dataset;

    // kept as written: the Spark job accepts file: URIs and refuses other schemes by name
    @Option(names = "--root", required = true, paramLabel = "DIR", description = "The data set's folder.")
    String root;

    @Option(names = "--splits", paramLabel = "DIR", description = "ffpp: folder with train.json, val.json, test.json.")
    String splits;

    @Option(names = "--frames", paramLabel = "N", description = "Frames per video, evenly spaced. Default: 32.")
    Integer frames;

    @Option(names = "--every", paramLabel = "K", description = "Take every K-th frame instead of --frames.")
    Integer every;

    @Option(names = "--size", defaultValue = "299", paramLabel = "PX", description = "Crop side length. Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = {"--crop-scale", "--scale"}, defaultValue = "1.3", paramLabel = "S",
            description = "Crop side over the face box's longer side. Default: ${DEFAULT-VALUE}.")
    double scale;

    @Mixin
    AlignOption alignment;

    /** Whether faces are aligned before they are cropped ({@code --align}). */
    public boolean align() {
        return alignment.align();
    }

    /** The data set's name as given ({@code --dataset}). */
    public String dataset() {
        return dataset;
    }

    /** The data set's folder as given ({@code --root}). */
    public String root() {
        return root;
    }

    /** The data set's folder as a local path. */
    public Path rootFolder() {
        return Path.of(root);
    }

    /** FaceForensics++'s split files' folder as given ({@code --splits}), or null. */
    public String splits() {
        return splits;
    }

    /** The split files' folder as a local path, or null. */
    public Path splitsFolder() {
        return splits == null ? null : Path.of(splits);
    }

    /** Frames per video ({@code --frames}), or null. */
    public Integer frames() {
        return frames;
    }

    /** Every k-th frame ({@code --every}), or null. */
    public Integer every() {
        return every;
    }

    /** Crop side in pixels ({@code --size}). */
    public int size() {
        return size;
    }

    /** Crop side over the face box's longer side ({@code --crop-scale}). */
    public double cropScale() {
        return scale;
    }

    /**
     * The data set's layout.
     *
     * @throws IllegalArgumentException for an unknown name or a missing {@code --splits}
     */
    public DatasetLayout layout() {
        return DatasetLayouts.named(dataset, splitsFolder());
    }

    /**
     * The frames taken from each video.
     *
     * @throws IllegalArgumentException when both or neither fit
     */
    public FrameSampling sampling() {
        return FrameSampling.fromOptions(frames, every);
    }
}
