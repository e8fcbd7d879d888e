package io.lvnet.data.readers;

import com.fasterxml.jackson.databind.JsonNode;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameDataset;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.JsonFiles;
import io.lvnet.data.OpenCvImages;
import io.lvnet.data.Split;
import io.lvnet.data.VideoNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Frames as DeepfakeBench's preprocessing leaves them (dlib-aligned faces, 1.3 times the face,
 * 256 pixels, 32 frames per video by default):
 *
 * <pre>
 * RGB/&lt;data set&gt;/.../frames/&lt;video&gt;/&lt;nnn&gt;.png       face crops
 * RGB/&lt;data set&gt;/.../masks/&lt;video&gt;/&lt;nnn&gt;.png        forgery masks of fakes (FF++)
 * RGB/&lt;data set&gt;/.../landmarks/&lt;video&gt;/&lt;nnn&gt;.npy    81 dlib landmarks in the crop
 * INDEX.json   {"&lt;data set&gt;": {"&lt;label&gt;": {"train"|"val"|"test": {["raw"|"c23"|"c40":] {"&lt;video&gt;":
 *                {"label": "&lt;label&gt;", "frames": [paths], "masks": [paths]}}}}}}
 * </pre>
 *
 * The index is DeepfakeBench's dataset JSON ({@code preprocessing/dataset_json/<name>.json}):
 * FF++ and DFD nest a compression level under the split, the other data sets list videos
 * directly. Frame paths may be relative, absolute or Windows-style; they are found under
 * {@code RGB} (DeepfakeBench's {@code rgb_dir}) by dropping the leading folders that the first
 * frame does not need, and that prefix is dropped from every path.
 *
 * <p>Labels: DeepfakeBench's label names ending in {@code real} ({@code FF-real},
 * {@code DFD_real}, {@code CelebDFv2_real}, {@code DFDCP_Real}, ...) are real, all others fake,
 * which matches its {@code label_dict}. Methods get FF++'s names where DeepfakeBench abbreviates
 * them ({@code FF-DF} is {@code Deepfakes}, {@code DFD_fake} is {@code DeepFakeDetection}, ...);
 * other fakes keep their label name. A video listed under several splits (DeepfakeBench gives
 * Celeb-DF's test videos as val too) is in each. A split holding a single video entry instead
 * of videos (DeepfakeBench's DFDC {@code val}) is skipped.
 *
 * <p>Masks: a fake frame's mask is the index's {@code masks} entry with the frame's file name,
 * else the file at the frame's path with its {@code frames} folder read as {@code masks}; when
 * neither exists the mask is unknown. Masks are binarised and brought to the crop's size.
 * Regions (semi-supervised training) come from the frame's landmark file ({@code frames} read
 * as {@code landmarks}, {@code .npy}), see {@link LandmarkRegions}.
 */
public final class DeepfakeBenchDataset implements FrameDataset {
    private static final Map<String, String> METHODS = Map.of(
            "FF-DF", "Deepfakes", "FF-F2F", "Face2Face", "FF-FS", "FaceSwap", "FF-NT", "NeuralTextures",
            "FF-FH", "FaceShifter", "FF-SH", "FaceShifter", "DFD_fake", "DeepFakeDetection");

    private final Path dir;
    private final List<FrameRecord> frames;

    private DeepfakeBenchDataset(Path dir, List<FrameRecord> frames) {
        this.dir = dir;
        this.frames = Collections.unmodifiableList(frames);
    }

    /**
     * Reads a DeepfakeBench dataset JSON and finds its frames.
     *
     * @param dir the folder the frame paths start from (DeepfakeBench's {@code rgb_dir})
     * @param index the dataset JSON
     * @throws IOException if the index is missing, not JSON, not shaped like DeepfakeBench's,
     *     lists no frames, or its frames are not under {@code dir} (one line each)
     */
    public static DeepfakeBenchDataset open(Path dir, Path index) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        if (!Files.isRegularFile(index)) {
            throw new IOException(index + ": no such file (DeepfakeBench's dataset JSON, e.g. "
                    + "preprocessing/dataset_json/FaceForensics++.json)");
        }
        List<Video> videos = parse(JsonFiles.read(index), index.toString());
        if (videos.isEmpty()) {
            throw new IOException(index + ": lists no frames");
        }
        PathMapping paths = PathMapping.find(dir, videos.get(0).frames.get(0), index);
        List<FrameRecord> out = new ArrayList<>();
        for (Video v : videos) {
            v.addFrames(dir, paths, out);
        }
        return new DeepfakeBenchDataset(dir, out);
    }

    /** One video of one split as the index lists it. */
    private record Video(String name, String label, Split split, CompressionLevel compression, List<String> frames,
            Map<String, String> masks) {
        boolean fake() {
            return !label.toLowerCase(Locale.ROOT).endsWith("real");
        }

        void addFrames(Path dir, PathMapping paths, List<FrameRecord> out) {
            String method = fake() ? METHODS.getOrDefault(label, label) : FrameRecord.ORIGINAL;
            String[] people = VideoNames.anyDataSet(name, fake());
            List<String[]> files = new ArrayList<>(); // {mapped path, file name}
            for (String f : frames) {
                String mapped = paths.map(f);
                files.add(new String[] {mapped, mapped.substring(mapped.lastIndexOf('/') + 1)});
            }
            // DeepfakeBench orders a video's frames by the number in their names
            files.sort(Comparator.<String[]>comparingInt(f -> FrameFiles.number(f[1], Integer.MAX_VALUE))
                    .thenComparing(f -> f[1]));
            for (int i = 0; i < files.size(); i++) {
                String image = files.get(i)[0];
                String mask = fake() ? mask(dir, paths, image, files.get(i)[1]) : null;
                out.add(new FrameRecord(image, mask, null, fake() ? 1 : 0, name, method, compression, split, people[0],
                        fake() && people.length > 1 ? people[1] : null, FrameFiles.number(files.get(i)[1], i), null));
            }
        }

        private String mask(Path dir, PathMapping paths, String image, String fileName) {
            String listed = masks.get(fileName);
            if (listed != null && Files.isRegularFile(dir.resolve(paths.map(listed)))) {
                return paths.map(listed);
            }
            String sibling = sibling(image, "masks", null);
            return sibling != null && Files.isRegularFile(dir.resolve(sibling)) ? sibling : null;
        }
    }

    /** Walks dataset -> label -> split -> [compression ->] video. */
    private static List<Video> parse(JsonNode root, String index) throws IOException {
        String shape = "expected {\"<data set>\": {\"<label>\": {\"train\"|\"val\"|\"test\": {[\"c23\": ]{\"<video>\": "
                + "{\"label\", \"frames\"}}}}}} (DeepfakeBench's dataset JSON)";
        if (!root.isObject() || root.isEmpty()) {
            throw new IOException(index + ": " + shape);
        }
        List<Video> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> data : fields(root)) {
            requireObject(data.getValue(), index, data.getKey(), shape);
            for (Map.Entry<String, JsonNode> label : fields(data.getValue())) {
                String where = data.getKey() + "/" + label.getKey();
                requireObject(label.getValue(), index, where, shape);
                for (Map.Entry<String, JsonNode> split : fields(label.getValue())) {
                    Split s;
                    try {
                        s = Split.of(split.getKey());
                    } catch (IllegalArgumentException e) {
                        throw new IOException(index + ": " + where + ": unknown split '" + split.getKey()
                                + "' (expected train, val or test)");
                    }
                    JsonNode node = split.getValue();
                    requireObject(node, index, where + "/" + split.getKey(), shape);
                    if (node.has("frames")) {
                        continue; // a single video entry where videos belong: DeepfakeBench's DFDC val
                    }
                    if (isVideos(node)) {
                        videos(node, label.getKey(), s, CompressionLevel.NONE, index, where + "/" + split.getKey(), out);
                        continue;
                    }
                    for (Map.Entry<String, JsonNode> level : fields(node)) {
                        String at = where + "/" + split.getKey() + "/" + level.getKey();
                        CompressionLevel c;
                        try {
                            c = CompressionLevel.of(level.getKey());
                        } catch (IllegalArgumentException e) {
                            throw new IOException(index + ": " + at + ": expected a compression level (raw, c23, c40) "
                                    + "or a video with \"frames\"");
                        }
                        requireObject(level.getValue(), index, at, shape);
                        videos(level.getValue(), label.getKey(), s, c, index, at, out);
                    }
                }
            }
        }
        return out;
    }

    /** Whether an object's entries are videos (objects with frames) rather than compression levels. */
    private static boolean isVideos(JsonNode node) {
        Iterator<JsonNode> it = node.elements();
        return it.hasNext() && it.next().has("frames");
    }

    private static void videos(JsonNode node, String label, Split split, CompressionLevel c, String index, String where,
            List<Video> out) throws IOException {
        for (Map.Entry<String, JsonNode> v : fields(node)) {
            String at = where + "/" + v.getKey();
            JsonNode frames = v.getValue().get("frames");
            if (frames == null || !frames.isArray()) {
                throw new IOException(index + ": " + at + ": expected {\"label\", \"frames\": [paths]}");
            }
            List<String> paths = new ArrayList<>();
            for (JsonNode f : frames) {
                if (!f.isTextual()) {
                    throw new IOException(index + ": " + at + ": frames must be paths, found " + f);
                }
                paths.add(f.asText());
            }
            if (paths.isEmpty()) {
                continue;
            }
            Map<String, String> masks = new HashMap<>();
            JsonNode m = v.getValue().get("masks");
            if (m != null && m.isArray()) {
                for (JsonNode p : m) {
                    String path = PathMapping.normalise(p.asText());
                    masks.put(path.substring(path.lastIndexOf('/') + 1), p.asText());
                }
            }
            JsonNode own = v.getValue().get("label");
            out.add(new Video(v.getKey(), own != null && own.isTextual() ? own.asText() : label, split, c, paths, masks));
        }
    }

    private static void requireObject(JsonNode node, String index, String where, String shape) throws IOException {
        if (!node.isObject()) {
            throw new IOException(index + ": " + where + ": " + shape);
        }
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        node.fields().forEachRemaining(out::add);
        return out;
    }

    /**
     * A path with its last {@code frames} folder read as {@code folder} (and the extension
     * changed, if given), as DeepfakeBench finds masks and landmarks; null without such a folder.
     */
    static String sibling(String image, String folder, String extension) {
        String withSlashes = "/" + image;
        int at = withSlashes.lastIndexOf("/frames/");
        if (at < 0) {
            return null;
        }
        String out = (withSlashes.substring(0, at) + "/" + folder + "/" + withSlashes.substring(at + "/frames/".length()))
                .substring(1);
        if (extension != null) {
            int dot = out.lastIndexOf('.');
            out = (dot > out.lastIndexOf('/') ? out.substring(0, dot) : out) + extension;
        }
        return out;
    }

    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public List<FrameRecord> frames() {
        return frames;
    }

    @Override
    public Mat readImage(FrameRecord frame) throws IOException {
        return OpenCvImages.readBgr(dir.resolve(frame.image()));
    }

    @Override
    public Mat readMask(FrameRecord frame, Mat image) throws IOException {
        if (frame.mask() == null) {
            if (frame.fake()) {
                throw new IllegalStateException("the mask of " + frame.image() + " is unknown");
            }
            return MaskPlanes.zeros(image);
        }
        try (Mat stored = OpenCvImages.readBgr(dir.resolve(frame.mask()))) {
            return MaskPlanes.binary(stored, image);
        }
    }

    @Override
    public Mat readRegion(FrameRecord frame, String region) throws IOException {
        String npy = sibling(frame.image(), "landmarks", ".npy");
        if (npy == null || !Files.isRegularFile(dir.resolve(npy))) {
            throw new IllegalStateException("the regions of " + frame.image() + " are unknown (no landmark file)");
        }
        try (Mat image = readImage(frame)) {
            return LandmarkRegions.read(dir.resolve(npy)).region(region, image.cols(), image.rows()).toMat();
        }
    }

    /** Regions are known where the frame has a landmark file. */
    @Override
    public boolean regionsKnown(FrameRecord frame) {
        String npy = sibling(frame.image(), "landmarks", ".npy");
        return npy != null && Files.isRegularFile(dir.resolve(npy));
    }

    /** How the index's frame paths become paths under the frames folder. */
    private record PathMapping(List<String> prefix, boolean absolute) {
        /** Backslashes to slashes, no {@code ./}. */
        static String normalise(String p) {
            String s = p.replace('\\', '/');
            while (s.startsWith("./")) {
                s = s.substring(2);
            }
            return s;
        }

        private static List<String> segments(String p) {
            List<String> out = new ArrayList<>();
            for (String s : normalise(p).split("/")) {
                if (!s.isEmpty() && !s.equals(".")) {
                    out.add(s);
                }
            }
            return out;
        }

        /** The leading folders to drop, found with the first frame. */
        static PathMapping find(Path dir, String first, Path index) throws IOException {
            List<String> segs = segments(first);
            for (int k = 0; k < segs.size(); k++) {
                if (Files.isRegularFile(dir.resolve(String.join("/", segs.subList(k, segs.size()))))) {
                    return new PathMapping(List.copyOf(segs.subList(0, k)), false);
                }
            }
            Path asGiven = Path.of(normalise(first));
            if (asGiven.isAbsolute() && Files.isRegularFile(asGiven)) {
                return new PathMapping(List.of(), true);
            }
            throw new IOException(dir + ": cannot find the frames of " + index + " here (looked for " + first
                    + "); give the folder DeepfakeBench's frame paths start from (its rgb_dir)");
        }

        String map(String p) {
            if (absolute) {
                return normalise(p);
            }
            List<String> segs = segments(p);
            if (segs.size() > prefix.size() && segs.subList(0, prefix.size()).equals(prefix)) {
                segs = segs.subList(prefix.size(), segs.size());
            }
            return String.join("/", segs);
        }
    }
}
