package io.lvnet.spark;

import io.lvnet.calibrate.Verdict;
import io.lvnet.detect.FaceQuality;
import io.lvnet.detect.FaceResult;
import io.lvnet.detect.FileResult;
import io.lvnet.detect.FrameResult;
import io.lvnet.detect.PersonResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The tables the scan job writes, and how a {@link FileResult} becomes their rows.
 *
 * <p>{@code files}: one row per input file with the fields of {@code lvnet detect --json}'s
 * entries (faces, frames and their faces nested), plus {@code input_id}. {@code faces}: one row
 * per face, flat: a picture's faces have a null {@code frame}, a video's carry their frame's
 * index and time. {@code path} is the file's fully qualified URI ({@code file:/...},
 * {@code hdfs://...}); {@code input_id} is {@link InputIds#of} of it.
 */
public final class ScanTables {
    /**
     * What is said of a face beyond its scores, as {@code lvnet detect} says it: raw probability,
     * verdict and why, person (in a video), quality (size, sharpness, blockiness, why too poor), and the
     * map from the model's input back to the picture ({@link FaceResult#inputToImage()}).
     */
    private static final StructField[] JUDGEMENT = {
        field("raw_probability", DataTypes.FloatType, true),
        field("verdict", DataTypes.StringType, true),
        field("verdict_reason", DataTypes.StringType, true),
        field("person", DataTypes.IntegerType, true),
        field("face_px", DataTypes.IntegerType, true),
        field("sharpness", DataTypes.DoubleType, true),
        field("blockiness", DataTypes.DoubleType, true),
        field("quality_reason", DataTypes.StringType, true),
        field("input_to_image", DataTypes.createArrayType(DataTypes.DoubleType, false), true),
    };

    /** One face: box, probability, logits, patch map, then its {@link #JUDGEMENT}. */
    public static final StructType FACE = new StructType(concat(new StructField[] {
        field("box", DataTypes.createArrayType(DataTypes.IntegerType, false), false),
        field("fake_probability", DataTypes.FloatType, false),
        field("logits", DataTypes.createArrayType(DataTypes.FloatType, false), false),
        field("patch_map", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false), false),
    }, JUDGEMENT));

    /** One person of a video ({@link PersonResult}; their timeline is their faces in {@code frames}). */
    public static final StructType PERSON = new StructType(new StructField[] {
        field("person", DataTypes.IntegerType, false),
        field("faces", DataTypes.IntegerType, false),
        field("first_s", DataTypes.DoubleType, false),
        field("last_s", DataTypes.DoubleType, false),
        field("fake_probability", DataTypes.FloatType, false),
        field("verdict", DataTypes.StringType, true),
        field("verdict_reason", DataTypes.StringType, true),
        field("most_suspicious_frame", DataTypes.IntegerType, false),
        field("most_suspicious_face", DataTypes.IntegerType, false),
    });

    /** One sampled video frame. */
    public static final StructType FRAME = new StructType(new StructField[] {
        field("index", DataTypes.IntegerType, false),
        field("time_s", DataTypes.DoubleType, false),
        field("faces", faces(), false),
        field("fake_probability", DataTypes.FloatType, true),
    });

    /** The {@code files} table. */
    public static final StructType FILES = new StructType(new StructField[] {
        field("input_id", DataTypes.StringType, false),
        field("path", DataTypes.StringType, false),
        field("type", DataTypes.StringType, false),
        field("faces", faces(), false),
        field("fake_probability", DataTypes.FloatType, true),
        field("error", DataTypes.StringType, true),
        field("frames", DataTypes.createArrayType(FRAME, false), true),
        field("fake_probability_max_faces", DataTypes.FloatType, true),
        field("sha256", DataTypes.StringType, true),
        field("people", DataTypes.createArrayType(PERSON, false), true),
    });

    /** The {@code faces} table. */
    public static final StructType FACES = new StructType(concat(new StructField[] {
        field("input_id", DataTypes.StringType, false),
        field("path", DataTypes.StringType, false),
        field("type", DataTypes.StringType, false),
        field("frame", DataTypes.IntegerType, true),
        field("time_s", DataTypes.DoubleType, true),
        field("face", DataTypes.IntegerType, false),
        field("box", DataTypes.createArrayType(DataTypes.IntegerType, false), false),
        field("fake_probability", DataTypes.FloatType, false),
        field("logits", DataTypes.createArrayType(DataTypes.FloatType, false), false),
        field("patch_map", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false), false),
    }, JUDGEMENT));

    private ScanTables() {
    }

    private static StructField[] concat(StructField[] a, StructField[] b) {
        StructField[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The {@link #JUDGEMENT} columns of a face. */
    private static Object[] judgement(FaceResult f) {
        FaceQuality q = f.quality();
        return new Object[] {f.rawProbability(), f.verdict() == null ? null : f.verdict().label(), f.verdictReason(), f.person(),
            q == null ? null : q.facePx(), q == null ? null : q.sharpness(), q == null ? null : q.blockiness(),
            q == null ? null : q.reason(), f.inputToImage() == null ? null : doubles(f.inputToImage())};
    }

    private static List<Row> people(List<PersonResult> people) {
        if (people == null) {
            return null;
        }
        List<Row> out = new ArrayList<>(people.size());
        for (PersonResult p : people) {
            out.add(RowFactory.create(p.person(), p.faces(), p.firstSeconds(), p.lastSeconds(), p.fakeProbability(),
                    p.verdict() == null ? null : p.verdict().label(), p.verdictReason(), p.mostSuspicious().frame(),
                    p.mostSuspicious().face()));
        }
        return out;
    }

    private static ArrayType faces() {
        return DataTypes.createArrayType(FACE, false);
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }

    /** The {@code files} row of a result. */
    public static Row fileRow(String inputId, FileResult r) {
        List<Row> frames = null;
        if (r.frames() != null) {
            frames = new ArrayList<>();
            for (FrameResult f : r.frames()) {
                frames.add(RowFactory.create(f.index(), f.timeSeconds(), faceRows(f.faces()), f.fakeProbability()));
            }
        }
        return RowFactory.create(inputId, r.path(), r.type(), faceRows(r.faces()), r.fakeProbability(), r.error(), frames,
                r.maxFacesProbability(), r.sha256(), people(r.people()));
    }

    /** The {@code faces} rows of a result: a picture's faces, or every face of every frame. */
    public static List<Row> faceRows(String inputId, FileResult r) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < r.faces().size(); i++) {
            out.add(faceRow(inputId, r, null, null, i, r.faces().get(i)));
        }
        if (r.frames() != null) {
            for (FrameResult f : r.frames()) {
                for (int i = 0; i < f.faces().size(); i++) {
                    out.add(faceRow(inputId, r, f.index(), f.timeSeconds(), i, f.faces().get(i)));
                }
            }
        }
        return out;
    }

    private static Row faceRow(String inputId, FileResult r, Integer frame, Double time, int index, FaceResult f) {
        return RowFactory.create(concat(new Object[] {inputId, r.path(), r.type(), frame, time, index, ints(f.box()),
            f.fakeProbability(), floats(f.logits()), floats(f.patchMap())}, judgement(f)));
    }

    private static List<Row> faceRows(List<FaceResult> faces) {
        List<Row> out = new ArrayList<>(faces.size());
        for (FaceResult f : faces) {
            out.add(RowFactory.create(concat(new Object[] {ints(f.box()), f.fakeProbability(), floats(f.logits()),
                floats(f.patchMap())}, judgement(f))));
        }
        return out;
    }

    private static List<Integer> ints(int[] v) {
        List<Integer> out = new ArrayList<>(v.length);
        for (int x : v) {
            out.add(x);
        }
        return out;
    }

    private static List<Double> doubles(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(x);
        }
        return out;
    }

    private static List<Float> floats(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float x : v) {
            out.add(x);
        }
        return out;
    }

    private static List<List<Float>> floats(float[][] v) {
        List<List<Float>> out = new ArrayList<>(v.length);
        for (float[] row : v) {
            out.add(floats(row));
        }
        return out;
    }

    /** A {@code files} row read back (by Spark) as the result it was made from. */
    public static FileResult result(Row row) {
        List<FrameResult> frames = null;
        if (!row.isNullAt(row.fieldIndex("frames"))) {
            frames = new ArrayList<>();
            for (Row f : row.<Row>getList(row.fieldIndex("frames"))) {
                Float p = f.isNullAt(3) ? null : f.getFloat(3);
                frames.add(new FrameResult(f.getInt(0), f.getDouble(1), faces(f.getList(2)), p));
            }
        }
        return new FileResult(row.getString(row.fieldIndex("path")), row.getString(row.fieldIndex("type")),
                row.isNullAt(row.fieldIndex("sha256")) ? null : row.getString(row.fieldIndex("sha256")),
                faces(row.getList(row.fieldIndex("faces"))), nullableFloat(row, "fake_probability"),
                row.isNullAt(row.fieldIndex("error")) ? null : row.getString(row.fieldIndex("error")), frames,
                nullableFloat(row, "fake_probability_max_faces"), peopleOf(row, frames));
    }

    /** A video's people read back; each one's timeline is rebuilt from their faces in {@code frames}. */
    private static List<PersonResult> peopleOf(Row row, List<FrameResult> frames) {
        int i = row.fieldIndex("people");
        if (row.isNullAt(i) || frames == null) {
            return null;
        }
        List<PersonResult> out = new ArrayList<>();
        for (Row p : row.<Row>getList(i)) {
            List<PersonResult.Sighting> timeline = new ArrayList<>();
            PersonResult.Sighting worst = null;
            for (FrameResult f : frames) {
                for (int j = 0; j < f.faces().size(); j++) {
                    if (java.util.Objects.equals(f.faces().get(j).person(), p.getInt(0))) {
                        PersonResult.Sighting s = new PersonResult.Sighting(f.index(), f.timeSeconds(), j,
                                f.faces().get(j).fakeProbability());
                        timeline.add(s);
                        if (f.index() == p.getInt(7) && j == p.getInt(8)) {
                            worst = s;
                        }
                    }
                }
            }
            out.add(new PersonResult(p.getInt(0), p.getInt(1), p.getDouble(2), p.getDouble(3), p.getFloat(4),
                    p.isNullAt(5) ? null : Verdict.valueOf(p.getString(5).toUpperCase(java.util.Locale.ROOT)),
                    p.isNullAt(6) ? null : p.getString(6), worst, List.copyOf(timeline)));
        }
        return out;
    }

    private static Float nullableFloat(Row row, String name) {
        int i = row.fieldIndex(name);
        return row.isNullAt(i) ? null : row.getFloat(i);
    }

    private static List<FaceResult> faces(List<Row> rows) {
        List<FaceResult> out = new ArrayList<>(rows.size());
        for (Row f : rows) {
            List<Integer> box = f.getList(0);
            List<Float> logits = f.getList(2);
            List<Object> map = f.getList(3);
            float[][] m = new float[map.size()][];
            for (int r = 0; r < m.length; r++) {
                m[r] = toFloats(Rows.list(map.get(r)));
            }
            int[] b = box.stream().mapToInt(Integer::intValue).toArray();
            if (f.size() <= 4) { // written before the judgement columns
                out.add(new FaceResult(b, f.getFloat(1), toFloats(logits), m));
                continue;
            }
            FaceQuality q = f.isNullAt(8) ? null
                    : new FaceQuality(f.getInt(8), f.getDouble(9), f.getDouble(10), f.isNullAt(11) ? null : f.getString(11));
            out.add(new FaceResult(b, f.getFloat(1), f.isNullAt(4) ? f.getFloat(1) : f.getFloat(4),
                    f.isNullAt(5) ? null : Verdict.valueOf(f.getString(5).toUpperCase(java.util.Locale.ROOT)), toFloats(logits), m,
                    null, q, f.isNullAt(6) ? null : f.getString(6), f.isNullAt(7) ? null : f.getInt(7),
                    f.size() <= 12 || f.isNullAt(12) ? null
                            : Rows.list(f.get(12)).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray()));
        }
        return out;
    }

    private static float[] toFloats(List<?> v) {
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) v.get(i)).floatValue();
        }
        return out;
    }
}
