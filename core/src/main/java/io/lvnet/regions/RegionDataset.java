package io.lvnet.regions;

import io.lvnet.data.FaceBox;
import io.lvnet.data.FrameDataset;
import io.lvnet.data.FrameRecord;
import io.lvnet.landmarks.GrayImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A data set whose regions come from a {@link PartLocator} instead of its index: each frame's
 * parts are located once, on its image and {@link FrameDataset#faceBox face box}, and kept;
 * everything else is the data set's own. Thread-safe as the data set it wraps.
 */
public final class RegionDataset implements FrameDataset {
    private final FrameDataset dataset;
    private final PartLocator locator;
    private final Map<String, Located> located = new ConcurrentHashMap<>();

    /** {@code dataset} with the regions {@code locator} finds. */
    public RegionDataset(FrameDataset dataset, PartLocator locator) {
        this.dataset = dataset;
        this.locator = locator;
    }

    /**
     * The data set as semi-supervised training reads it: with the regions of the configured
     * source, or of the one {@link RegionSource#forDataset} chooses for {@code frames}.
     *
     * @param configured the configured source, or null to choose
     * @param frames the frames that will be read (whether the data set ships their regions)
     * @param model dlib's model file, or null for the default
     * @throws IOException if dlib's model is needed and cannot be read
     */
    public static FrameDataset withRegions(FrameDataset dataset, RegionSource configured, List<FrameRecord> frames,
            Path model) throws IOException {
        return withRegions(dataset, choice(dataset, configured, frames).source(), model);
    }

    /** What {@link #withRegions} chooses for {@code frames}, and why. */
    public static RegionSource.Choice choice(FrameDataset dataset, RegionSource configured, List<FrameRecord> frames) {
        boolean ships = frames.stream().allMatch(dataset::shipsRegions);
        return RegionSource.choose(configured, ships, RegionSource.landmarkModelInstalled());
    }

    /** The data set with the regions of {@code source} ({@link RegionSource#INDEX}: as it is). */
    public static FrameDataset withRegions(FrameDataset dataset, RegionSource source, Path model) throws IOException {
        return source == RegionSource.INDEX ? dataset : new RegionDataset(dataset, PartLocator.open(source, model));
    }

    /** The parts of a frame, located on first use. */
    public FaceParts parts(FrameRecord frame) throws IOException {
        return located(frame).parts();
    }

    @Override
    public Mat readRegion(FrameRecord frame, String region) throws IOException {
        Located l = located(frame);
        return l.parts().mask(region, l.width(), l.height()).toMat();
    }

    /** A frame's parts and the size of its image, which the masks take. */
    private record Located(FaceParts parts, int width, int height) {
    }

    private Located located(FrameRecord frame) throws IOException {
        Located l = located.get(frame.image());
        if (l == null) {
            try (Mat image = dataset.readImage(frame)) {
                FaceBox box = dataset.faceBox(frame, image.cols(), image.rows());
                GrayImage grey = locator.readsImage() ? GrayImage.of(image) : null;
                l = new Located(locator.locate(grey, box), image.cols(), image.rows());
            }
            located.putIfAbsent(frame.image(), l);
        }
        return l;
    }

    @Override
    public boolean regionsKnown(FrameRecord frame) {
        return true;
    }

    @Override
    public boolean shipsRegions(FrameRecord frame) {
        return false;
    }

    @Override
    public Path dir() {
        return dataset.dir();
    }

    @Override
    public List<FrameRecord> frames() {
        return dataset.frames();
    }

    @Override
    public Mat readImage(FrameRecord frame) throws IOException {
        return dataset.readImage(frame);
    }

    @Override
    public Mat readMask(FrameRecord frame, Mat image) throws IOException {
        return dataset.readMask(frame, image);
    }

    @Override
    public FaceBox faceBox(FrameRecord frame, int width, int height) {
        return dataset.faceBox(frame, width, height);
    }
}
