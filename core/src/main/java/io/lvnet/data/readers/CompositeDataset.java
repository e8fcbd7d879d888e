package io.lvnet.data.readers;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FaceBox;
import io.lvnet.data.FaceForensicsSplits;
import io.lvnet.data.FrameDataset;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.GeometricRegions;
import io.lvnet.data.Raster;
import io.lvnet.data.Split;
import io.lvnet.data.VideoNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * The LVNet reference's training data: face crops cut from FaceForensics++ frames around the
 * forgery mask (a square 2.46 times the mask's height, by its {@code process/} scripts), each
 * stored as one image holding {@code face | mask | mask} side by side (three squares, three
 * times as wide as high):
 *
 * <pre>
 * ROOT/youtube/&lt;a&gt;_&lt;b&gt;.mp4/&lt;frame&gt;.png      real video a's frame, cut where fake a_b's mask is; black masks
 * ROOT/&lt;Method&gt;/&lt;a&gt;_&lt;b&gt;.mp4/&lt;frame&gt;.png     the fake a_b's frame and its binarised mask
 * </pre>
 *
 * Video folders are named like FF++'s fake videos, {@code .mp4} included, in every method
 * folder and in {@code youtube}; the reference's earlier folder names ({@code youtube_v1},
 * {@code Deepfakes_v1}, ...) are read too, the suffix dropped from the method.
 *
 * <p>Splits come from FF++'s pair lists ({@link FaceForensicsSplits}; the reference's
 * {@code datasets/splits/*.json}): a pair {@code [a, b]} puts the folders {@code a_b.mp4} and
 * {@code b_a.mp4} of every method and of {@code youtube} into its split, and folders in no list
 * are left out, as the reference leaves them. Without lists, the pair-linked ids are grouped
 * and split 70/15/15 ({@link FaceForensicsSplits#deterministic}).
 *
 * <p>Records: a real frame belongs to video {@code a} (the real footage), a fake to video
 * {@code a_b} of its method. The fake's mask path is the composite itself: {@link #readMask}
 * cuts the middle third and binarises it. Every folder in {@code youtube} is real (label 0),
 * every other folder fake (label 1); the reference's later snapshot reads its {@code youtube}
 * folder with label 1, a slip this reader does not copy. Compression is not recorded by the
 * reference and is given as {@code none}. Mouth, eyes and nose regions are taken from the crop's
 * geometry ({@link GeometricRegions}) around a face box assumed to be the centred square the
 * reference's crop puts the mask in (side = crop side / 2.46): approximate, and all the
 * semi-supervised recipe needs.
 */
public final class CompositeDataset implements FrameDataset {
    /** Folder names of real crops. */
    public static final Set<String> REAL_FOLDERS = Set.of("youtube", "youtube_v1");
    /** The reference's crop side over the mask box's height. */
    public static final double CROP_SCALE = 2.46;
    private static final String OLD_SUFFIX = "_v1";

    private final Path dir;
    private final List<FrameRecord> frames;

    private CompositeDataset(Path dir, List<FrameRecord> frames) {
        this.dir = dir;
        this.frames = Collections.unmodifiableList(frames);
    }

    /**
     * Reads a folder of composite images.
     *
     * @param dir the folder holding {@code youtube/} and the method folders
     * @param pairLists FF++ pair lists by split (see {@link FaceForensicsSplits#inFolder}), or
     *     empty for the deterministic split
     * @throws IOException if the folder lacks the structure, a list is missing or malformed, or
     *     no frame is left (one line saying what was expected)
     */
    public static CompositeDataset open(Path dir, Map<Split, Path> pairLists) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        List<Path[]> videos = new ArrayList<>(); // {method folder, video folder}
        for (Path methodDir : FrameFiles.folders(dir)) {
            for (Path video : FrameFiles.folders(methodDir)) {
                videos.add(new Path[] {methodDir, video});
            }
        }
        if (videos.isEmpty()) {
            throw new IOException(dir + ": not a folder of the reference's composite images: expected "
                    + "youtube/<a>_<b>.mp4/<frame>.png and <Method>/<a>_<b>.mp4/<frame>.png (face | mask | mask)");
        }
        Map<String, Split> splitOf;
        if (pairLists.isEmpty()) {
            // real and fake folders are both named after the fake: a_b links a and b
            Map<String, Boolean> names = new HashMap<>();
            videos.forEach(v -> names.put(pairName(v[1]), true));
            splitOf = FaceForensicsSplits.deterministic(names);
        } else {
            splitOf = FaceForensicsSplits.videos(pairLists);
        }
        List<FrameRecord> out = new ArrayList<>();
        for (Path[] v : videos) {
            Split split = splitOf.get(pairName(v[1]));
            if (split != null) {
                addFrames(dir, v[0], v[1], split, out);
            }
        }
        if (out.isEmpty()) {
            throw new IOException(dir + ": no composite frames in the split lists' video folders (<a>_<b>.mp4 for each "
                    + "pair [a, b])");
        }
        return new CompositeDataset(dir, out);
    }

    private static void addFrames(Path dir, Path methodDir, Path video, Split split, List<FrameRecord> out)
            throws IOException {
        String folder = methodDir.getFileName().toString();
        boolean fake = !REAL_FOLDERS.contains(folder);
        String method = !fake ? FrameRecord.ORIGINAL
                : folder.endsWith(OLD_SUFFIX) ? folder.substring(0, folder.length() - OLD_SUFFIX.length()) : folder;
        String[] people = VideoNames.faceForensics(pairName(video), true);
        String name = fake ? pairName(video) : people[0];
        List<Path> images = FrameFiles.images(video);
        for (int i = 0; i < images.size(); i++) {
            String image = dir.relativize(images.get(i)).toString().replace('\\', '/');
            out.add(new FrameRecord(image, fake ? image : null, null, fake ? 1 : 0, name, method, CompressionLevel.NONE,
                    split, people[0], fake && people.length > 1 ? people[1] : null,
                    FrameFiles.number(images.get(i).getFileName().toString(), i), null));
        }
    }

    /** A video folder's name without the {@code .mp4} the reference keeps in it. */
    private static String pairName(Path videoFolder) {
        String n = videoFolder.getFileName().toString();
        return n.endsWith(".mp4") ? n.substring(0, n.length() - 4) : n;
    }

    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public List<FrameRecord> frames() {
        return frames;
    }

    /** The face: the left third of the composite. */
    @Override
    public Mat readImage(FrameRecord frame) throws IOException {
        return third(frame.image(), 0);
    }

    /** The mask: the middle third, binarised; all zero for a real frame. */
    @Override
    public Mat readMask(FrameRecord frame, Mat image) throws IOException {
        if (frame.mask() == null) {
            if (frame.fake()) {
                throw new IllegalStateException("the mask of " + frame.image() + " is unknown");
            }
            return MaskPlanes.zeros(image);
        }
        try (Mat middle = third(frame.mask(), 1)) {
            return MaskPlanes.binary(middle, image);
        }
    }

    /** Regions from the crop's geometry (see the class comment). */
    @Override
    public Mat readRegion(FrameRecord frame, String region) throws IOException {
        try (Mat face = readImage(frame)) {
            int size = Math.min(face.cols(), face.rows());
            Raster square = GeometricRegions.region(region, faceBox(frame, size, size), size);
            try (Mat m = square.toMat()) {
                return MaskPlanes.binary(m, face); // the face's size, should it not be square
            }
        }
    }

    @Override
    public boolean regionsKnown(FrameRecord frame) {
        return true;
    }

    /** The regions are guessed from the crop's geometry, not the data set's own. */
    @Override
    public boolean shipsRegions(FrameRecord frame) {
        return false;
    }

    /** The centred square the reference's crop puts the mask box in (side = crop side / 2.46). */
    @Override
    public FaceBox faceBox(FrameRecord frame, int width, int height) {
        return FaceBox.centred(width, height, CROP_SCALE);
    }

    /** One of the three squares of a composite image, as a new matrix. */
    private Mat third(String relative, int index) throws IOException {
        Path file = dir.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try (Mat whole = imread(file.toAbsolutePath().toString(), IMREAD_COLOR)) {
            if (whole == null || whole.empty()) {
                throw new IOException("cannot read image " + file + ": not an image");
            }
            if (whole.cols() % 3 != 0 || whole.cols() == 0) {
                throw new IOException(file + ": not a face | mask | mask composite: its width " + whole.cols()
                        + " is not a multiple of three");
            }
            int w = whole.cols() / 3;
            try (Rect r = new Rect(index * w, 0, w, whole.rows()); Mat view = new Mat(whole, r)) {
                return view.clone();
            }
        }
    }
}
