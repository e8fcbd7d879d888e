package io.lvnet.data;

import io.lvnet.files.Csv;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * A dataset in the canonical layout (see {@link CanonicalLayout}), read from its folder: the
 * frame records of {@code index.csv} and the description in {@code dataset.json}.
 *
 * <p>{@code index.csv} has a header row and one row per frame image, with these columns:
 * <pre>
 * image,mask,mouth,eyes,nose,label,video,method,compression,split,identity,source_identity,frame,face_x,face_y,face_w,face_h
 * </pre>
 * Paths are relative to the folder; empty cells mean "none" (no mask file, regions or face box
 * unknown, no source identity). Readers look columns up by name and ignore columns they do not
 * know, so later versions may add columns.
 */
public final class CanonicalDataset implements FrameDataset {
    /** The index's columns, in the order written. */
    public static final List<String> COLUMNS = List.of("image", "mask", "mouth", "eyes", "nose", "label", "video",
            "method", "compression", "split", "identity", "source_identity", "frame", "face_x", "face_y", "face_w",
            "face_h");

    private final Path dir;
    private final List<FrameRecord> frames;
    private final JsonNode description;

    private CanonicalDataset(Path dir, List<FrameRecord> frames, JsonNode description) {
        this.dir = dir;
        this.frames = Collections.unmodifiableList(frames);
        this.description = description;
    }

    /**
     * Reads a dataset folder.
     *
     * @param dir the folder holding {@code index.csv} (and usually {@code dataset.json})
     * @throws NoSuchFileException if there is no index (an unfinished or foreign folder)
     * @throws IOException if the index cannot be read or a row is malformed (the message names
     *     the line)
     */
    public static CanonicalDataset open(Path dir) throws IOException {
        Path index = dir.resolve(CanonicalLayout.INDEX);
        if (!Files.isRegularFile(index)) {
            throw new NoSuchFileException(index.toString(), null,
                    "not a dataset folder: no " + CanonicalLayout.INDEX + " (an interrupted run leaves none)");
        }
        List<FrameRecord> frames = parseIndex(Files.readString(index, StandardCharsets.UTF_8), index.toString());
        Path json = dir.resolve(CanonicalLayout.DESCRIPTION);
        JsonNode description = Files.isRegularFile(json) ? new ObjectMapper().readTree(json.toFile())
                : JsonNodeFactory.instance.objectNode();
        return new CanonicalDataset(dir, frames, description);
    }

    /** The dataset folder. */
    @Override
    public Path dir() {
        return dir;
    }

    /** Every frame, in index order. */
    @Override
    public List<FrameRecord> frames() {
        return frames;
    }

    /** The frames of one split. */
    @Override
    public List<FrameRecord> frames(Split split) {
        return frames.stream().filter(f -> f.split() == split).toList();
    }

    /** The content of {@code dataset.json} (an empty object when the file is absent). */
    public JsonNode description() {
        return description;
    }

    /** A path from the index, resolved against the folder. */
    public Path resolve(String relative) {
        return dir.resolve(relative);
    }

    /** The frame's image as 8-bit BGR; the caller closes it. */
    @Override
    public Mat readImage(FrameRecord frame) throws IOException {
        return OpenCvImages.readBgr(resolve(frame.image()));
    }

    /**
     * The frame's forgery mask as 8-bit, 1 channel, 0 or 255; for a real frame without a mask
     * file an all-zero mask the size of {@code image}.
     *
     * @param image the frame's image, for the size of an implied mask
     * @throws IllegalStateException if the frame is fake and its mask unknown
     */
    @Override
    public Mat readMask(FrameRecord frame, Mat image) throws IOException {
        if (frame.mask() == null) {
            if (frame.fake()) {
                throw new IllegalStateException("the mask of " + frame.image() + " is unknown");
            }
            return new Mat(image.rows(), image.cols(), CV_8UC1, new Scalar(0));
        }
        return readGrey(frame.mask());
    }

    /**
     * A reference region of the frame as 8-bit, 1 channel, 0 or 255.
     *
     * @param region {@code mouth}, {@code eyes} or {@code nose}
     * @throws IllegalStateException if the frame has no regions
     */
    @Override
    public Mat readRegion(FrameRecord frame, String region) throws IOException {
        if (frame.regions() == null) {
            throw new IllegalStateException("the regions of " + frame.image() + " are unknown");
        }
        return readGrey(frame.regions().get(region));
    }

    private Mat readGrey(String relative) throws IOException {
        Path file = resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        Mat m = imread(file.toAbsolutePath().toString(), IMREAD_GRAYSCALE);
        if (m == null || m.empty()) {
            throw new IOException("cannot read mask " + file + ": not an image");
        }
        return m;
    }

    /** The index's rows as text, header first, one line per record (a trailing line break). */
    public static String formatIndex(List<FrameRecord> frames) {
        StringBuilder sb = new StringBuilder(Csv.line(COLUMNS)).append('\n');
        for (FrameRecord f : frames) {
            sb.append(Csv.line(row(f))).append('\n');
        }
        return sb.toString();
    }

    private static List<String> row(FrameRecord f) {
        FrameRecord.Regions r = f.regions();
        FaceBox b = f.box();
        List<String> cells = new ArrayList<>(COLUMNS.size());
        cells.add(f.image());
        cells.add(f.mask());
        cells.add(r == null ? null : r.mouth());
        cells.add(r == null ? null : r.eyes());
        cells.add(r == null ? null : r.nose());
        cells.add(Integer.toString(f.label()));
        cells.add(f.video());
        cells.add(f.method());
        cells.add(f.compression().id());
        cells.add(f.split().id());
        cells.add(f.identity());
        cells.add(f.sourceIdentity());
        cells.add(Integer.toString(f.frame()));
        cells.add(b == null ? null : Integer.toString(b.x()));
        cells.add(b == null ? null : Integer.toString(b.y()));
        cells.add(b == null ? null : Integer.toString(b.width()));
        cells.add(b == null ? null : Integer.toString(b.height()));
        return cells;
    }

    /** Parses index text; {@code source} names the file in error messages. */
    public static List<FrameRecord> parseIndex(String text, String source) throws IOException {
        List<List<String>> rows;
        try {
            rows = Csv.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new IOException(source + ": empty (expected a header row)");
        }
        Map<String, Integer> col = new HashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            col.put(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        for (String required : List.of("image", "label", "video", "method", "compression", "split", "identity",
                "frame")) {
            if (!col.containsKey(required)) {
                throw new IOException(source + ": the header lacks the column '" + required + "'");
            }
        }
        List<FrameRecord> out = new ArrayList<>(rows.size() - 1);
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            try {
                out.add(record(row, col));
            } catch (RuntimeException e) {
                throw new IOException(source + ": row " + (r + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static FrameRecord record(List<String> row, Map<String, Integer> col) {
        String mouth = cell(row, col, "mouth");
        String eyes = cell(row, col, "eyes");
        String nose = cell(row, col, "nose");
        FrameRecord.Regions regions = null;
        if (mouth != null || eyes != null || nose != null) {
            if (mouth == null || eyes == null || nose == null) {
                throw new IllegalArgumentException("regions must be given all three (mouth, eyes, nose) or none");
            }
            regions = new FrameRecord.Regions(path(mouth), path(eyes), path(nose));
        }
        FaceBox box = null;
        String fx = cell(row, col, "face_x");
        if (fx != null) {
            box = new FaceBox(Integer.parseInt(fx), integer(row, col, "face_y"), integer(row, col, "face_w"),
                    integer(row, col, "face_h"));
        }
        String mask = cell(row, col, "mask");
        return new FrameRecord(path(required(row, col, "image")), mask == null ? null : path(mask), regions,
                integer(row, col, "label"), required(row, col, "video"), required(row, col, "method"),
                CompressionLevel.of(required(row, col, "compression")), Split.of(required(row, col, "split")),
                required(row, col, "identity"), cell(row, col, "source_identity"), integer(row, col, "frame"), box);
    }

    /** Index paths stay inside the dataset folder. */
    private static String path(String p) {
        if (p.startsWith("/") || p.contains("\\") || p.matches("^[A-Za-z]:.*")
                || List.of(p.split("/")).contains("..")) {
            throw new IllegalArgumentException("path must be relative and inside the dataset: '" + p + "'");
        }
        return p;
    }

    private static String cell(List<String> row, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        if (i == null || i >= row.size()) {
            return null;
        }
        String v = row.get(i).trim();
        return v.isEmpty() ? null : v;
    }

    private static String required(List<String> row, Map<String, Integer> col, String name) {
        String v = cell(row, col, name);
        if (v == null) {
            throw new IllegalArgumentException("'" + name + "' is empty");
        }
        return v;
    }

    private static int integer(List<String> row, Map<String, Integer> col, String name) {
        String v = required(row, col, name);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' is not an integer: '" + v + "'");
        }
    }
}
