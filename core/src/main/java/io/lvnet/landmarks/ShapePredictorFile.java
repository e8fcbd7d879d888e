package io.lvnet.landmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads dlib's shape-predictor files ({@code shape_predictor_68_face_landmarks.dat}) in pure
 * Java: dlib's serialization ({@link DlibStream}) of a {@code dlib::shape_predictor}, version 1:
 *
 * <pre>
 * int                                   version (1)
 * matrix&lt;float,0,1&gt;                     initial_shape (x0, y0, x1, y1, ... in the box's unit square)
 * vector&lt;vector&lt;regression_tree&gt;&gt;      forests, one per cascade level; a tree is
 *     vector&lt;split&gt; splits               split: unsigned long idx1, idx2; float thresh
 *     vector&lt;matrix&lt;float,0,1&gt;&gt;         leaf_values, splits + 1 of them, each the shape's size
 * vector&lt;vector&lt;unsigned long&gt;&gt;        anchor_idx, per level the landmark each feature pixel hangs on
 * vector&lt;vector&lt;vector&lt;float,2&gt;&gt;&gt;     deltas, per level each feature pixel's offset from its anchor
 * </pre>
 *
 * A matrix is its row and column counts (signed {@code long}s, negated by current dlib) and its
 * values row by row; a vector its length ({@code unsigned long}) and its elements.
 *
 * <p>The file is memory-mapped and parsed in one pass. Every count is checked against the bytes
 * left before anything is allocated, so a hostile file cannot make the reader allocate much
 * more than its own size, and every index is checked against what it indexes, so a file that
 * loads cannot make {@link ShapePredictor#predict} read out of bounds. Errors are one line:
 * a missing file names the Debian package that ships the model, a short one says where it
 * ends, anything else says it is not a dlib shape predictor and why.
 */
public final class ShapePredictorFile {
    /** Where Debian's {@code libdlib-data} installs dlib's 68-point face model. */
    public static final Path DEBIAN_MODEL = Path.of("/usr/share/dlib/shape_predictor_68_face_landmarks.dat");
    /** Environment variable that names another default model file. */
    public static final String ENVIRONMENT = "LVNET_LANDMARKS_MODEL";
    /** How to get the model. */
    public static final String INSTALL_HINT =
            "dlib's 68-point landmark model comes with Debian's package libdlib-data (apt-get install libdlib-data)";

    private static final Logger LOG = LoggerFactory.getLogger(ShapePredictorFile.class);
    /** Bytes a serialized float takes at least: two integers of a control byte and one byte each. */
    private static final int MIN_FLOAT_BYTES = 4;
    /** Bytes a serialized integer takes at least. */
    private static final int MIN_INT_BYTES = 2;
    private static final int MAX_PARTS = 1 << 16;

    private ShapePredictorFile() {
    }

    /** The model used when none is named: {@value #ENVIRONMENT} if set, else {@link #DEBIAN_MODEL}. */
    public static Path defaultPath() {
        String env = System.getenv(ENVIRONMENT);
        return env != null && !env.isBlank() ? Path.of(env) : DEBIAN_MODEL;
    }

    /**
     * Reads a shape predictor.
     *
     * @throws LandmarkModelException (one line) if the file is missing, truncated or not a dlib
     *     shape predictor
     * @throws IOException if it cannot be read
     */
    public static ShapePredictor read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new LandmarkModelException(file + ": no such file; " + INSTALL_HINT);
        }
        if (!Files.isRegularFile(file)) {
            throw new LandmarkModelException(file + ": not a regular file");
        }
        long start = System.nanoTime();
        ShapePredictor predictor;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new LandmarkModelException(file + ": not a dlib shape predictor (" + size + " bytes, too large)");
            }
            MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            predictor = parse(buf, file.toString());
        }
        LOG.debug("read {}: {} parts, {} levels, {} trees in {} ms", file, predictor.parts(), predictor.cascadeDepth(),
                predictor.trees(), (System.nanoTime() - start) / 1_000_000);
        return predictor;
    }

    /**
     * Parses a shape predictor held in memory.
     *
     * @param source names the bytes in error messages
     */
    public static ShapePredictor parse(ByteBuffer bytes, String source) throws LandmarkModelException {
        if (bytes.remaining() >= 3 && bytes.get(bytes.position()) == 'B' && bytes.get(bytes.position() + 1) == 'Z'
                && bytes.get(bytes.position() + 2) == 'h') {
            throw new LandmarkModelException(source + ": bzip2-compressed; decompress it first (bunzip2)");
        }
        DlibStream in = new DlibStream(bytes, source);
        long version = in.signed("the version", 4);
        if (version != 1) {
            throw in.foreign("version " + version + ", 1 expected");
        }
        float[] initial = floatColumn(in, "the initial shape", -1);
        if (initial.length == 0 || initial.length % 2 != 0 || initial.length / 2 > MAX_PARTS) {
            throw in.foreign("the initial shape has " + initial.length + " values, an even number expected");
        }
        requireExtent(in, initial);
        int levels = in.length("the cascade levels", MIN_INT_BYTES);
        List<List<RegressionTree>> forests = new ArrayList<>();
        for (int level = 0; level < levels; level++) {
            forests.add(forest(in, level, initial.length));
        }
        int anchorLevels = in.index("the number of anchor lists", levels);
        if (anchorLevels != levels) {
            throw in.foreign(anchorLevels + " anchor lists for " + levels + " cascade levels");
        }
        int[][] anchors = new int[levels][];
        for (int level = 0; level < levels; level++) {
            String what = "anchor list " + level;
            anchors[level] = new int[in.length(what, MIN_INT_BYTES)];
            for (int i = 0; i < anchors[level].length; i++) {
                anchors[level][i] = in.index("an index of " + what, initial.length / 2 - 1);
            }
        }
        int deltaLevels = in.index("the number of offset lists", levels);
        if (deltaLevels != levels) {
            throw in.foreign(deltaLevels + " offset lists for " + levels + " cascade levels");
        }
        Cascade[] cascades = new Cascade[levels];
        for (int level = 0; level < levels; level++) {
            String what = "offset list " + level;
            int n = in.length(what, 2 * MIN_FLOAT_BYTES);
            if (n != anchors[level].length) {
                throw in.foreign(what + " has " + n + " offsets for " + anchors[level].length + " anchors");
            }
            float[] dx = new float[n];
            float[] dy = new float[n];
            for (int i = 0; i < n; i++) {
                dx[i] = finite(in, in.float32(what), what);
                dy[i] = finite(in, in.float32(what), what);
            }
            for (RegressionTree t : forests.get(level)) {
                if (t.maxFeatureIndex() >= n) {
                    throw in.foreign("a tree of level " + level + " compares feature pixel " + t.maxFeatureIndex()
                            + " of " + n);
                }
            }
            cascades[level] = new Cascade(new FeaturePixels(anchors[level], dx, dy),
                    new RegressionForest(forests.get(level), initial.length));
            forests.set(level, null); // packed: the per-tree arrays can go
        }
        return new ShapePredictor(initial, cascades);
    }

    private static List<RegressionTree> forest(DlibStream in, int level, int shapeLength) throws LandmarkModelException {
        int n = in.length("the trees of level " + level, MIN_INT_BYTES);
        List<RegressionTree> trees = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            String what = "tree " + t + " of level " + level;
            int splits = in.length("the splits of " + what, 2 * MIN_INT_BYTES + MIN_FLOAT_BYTES);
            int[] idx1 = new int[splits];
            int[] idx2 = new int[splits];
            float[] thresh = new float[splits];
            String splitWhat = "a split of " + what;
            for (int s = 0; s < splits; s++) {
                idx1[s] = in.index(splitWhat, Integer.MAX_VALUE - 1);
                idx2[s] = in.index(splitWhat, Integer.MAX_VALUE - 1);
                thresh[s] = finite(in, in.float32(splitWhat), splitWhat);
            }
            int leafCount = in.length("the leaves of " + what, MIN_INT_BYTES);
            if (leafCount != splits + 1 || Integer.bitCount(leafCount) != 1) {
                throw in.foreign(what + " has " + splits + " splits and " + leafCount + " leaves, not a complete binary tree");
            }
            in.require("the leaves of " + what, (long) leafCount * shapeLength * MIN_FLOAT_BYTES);
            float[][] leaves = new float[leafCount][];
            String leafWhat = "a leaf of " + what;
            for (int leaf = 0; leaf < leafCount; leaf++) {
                leaves[leaf] = floatColumn(in, leafWhat, shapeLength);
            }
            trees.add(new RegressionTree(idx1, idx2, thresh, leaves));
        }
        return trees;
    }

    /** A {@code matrix<float,0,1>}: of {@code expected} values, or any number if negative. */
    private static float[] floatColumn(DlibStream in, String what, int expected) throws LandmarkModelException {
        float[] v = new float[columnLength(in, what, expected)];
        for (int i = 0; i < v.length; i++) {
            v[i] = finite(in, in.float32(what), what);
        }
        return v;
    }

    /** The size of a {@code matrix<float,0,1>}, checked against the bytes left. */
    private static int columnLength(DlibStream in, String what, int expected) throws LandmarkModelException {
        // current dlib writes the sizes negated, older dlib as they are
        long rows = Math.abs(in.signed(what, 8));
        long cols = Math.abs(in.signed(what, 8));
        if (cols != 1 || rows < 0 || rows > Integer.MAX_VALUE - 8 || (expected >= 0 && rows != expected)) {
            throw in.foreign(what + " is a " + rows + "x" + cols + " matrix, "
                    + (expected >= 0 ? expected : "n") + "x1 expected");
        }
        in.require(what, rows * MIN_FLOAT_BYTES);
        return (int) rows;
    }

    private static float finite(DlibStream in, float v, String what) throws LandmarkModelException {
        if (!Float.isFinite(v)) {
            throw in.foreign(what + " holds " + v);
        }
        return v;
    }

    /** The predictor aligns shapes to the initial one, which therefore cannot be a single point. */
    private static void requireExtent(DlibStream in, float[] shape) throws LandmarkModelException {
        for (int i = 2; i < shape.length; i++) {
            if (shape[i] != shape[i % 2]) {
                return;
            }
        }
        throw in.foreign("the initial shape is a single point");
    }
}
