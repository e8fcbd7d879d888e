package io.lvnet.spark;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes rows to one Parquet file from inside a task, so that each chunk of work is committed
 * by itself (Spark's own writer commits a whole job at once, and a failed job keeps nothing).
 * The file has the layout Spark writes (standard three-level lists, strings as UTF-8) and
 * carries the Spark schema in its footer, so {@code spark.read.parquet} reads it back with the
 * same types and nullability.
 */
final class ParquetChunks {
    /** The footer key under which Spark keeps a file's Spark schema. */
    static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

    private ParquetChunks() {
    }

    /** Writes {@code rows} (Java lists or Scala sequences for arrays, rows for structs) to {@code file}, replacing it. */
    static void write(Configuration conf, Path file, StructType schema, List<Row> rows) throws IOException {
        MessageType type = messageType(schema);
        SimpleGroupFactory groups = new SimpleGroupFactory(type);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf))
                .withConf(conf)
                .withType(type)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withExtraMetaData(Map.of(SPARK_SCHEMA_KEY, schema.json()))
                .build()) {
            for (Row r : rows) {
                Group g = groups.newGroup();
                fill(g, schema, r);
                w.write(g);
            }
        }
    }

    /** The Parquet schema of a Spark schema. */
    static MessageType messageType(StructType schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (StructField f : schema.fields()) {
            b.addField(type(f.name(), f.dataType(), f.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED));
        }
        return b.named("spark_schema");
    }

    private static Type type(String name, DataType t, Repetition rep) {
        if (t instanceof StringType) {
            return Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(name);
        }
        if (t instanceof IntegerType) {
            return Types.primitive(PrimitiveTypeName.INT32, rep).named(name);
        }
        if (t instanceof LongType) {
            return Types.primitive(PrimitiveTypeName.INT64, rep).named(name);
        }
        if (t instanceof FloatType) {
            return Types.primitive(PrimitiveTypeName.FLOAT, rep).named(name);
        }
        if (t instanceof DoubleType) {
            return Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(name);
        }
        if (t instanceof BooleanType) {
            return Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(name);
        }
        if (t instanceof ArrayType a) {
            Type element = type("element", a.elementType(), a.containsNull() ? Repetition.OPTIONAL : Repetition.REQUIRED);
            return Types.buildGroup(rep).as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup().addField(element).named("list"))
                    .named(name);
        }
        if (t instanceof StructType s) {
            Types.GroupBuilder<org.apache.parquet.schema.GroupType> g = Types.buildGroup(rep);
            for (StructField f : s.fields()) {
                g.addField(type(f.name(), f.dataType(), f.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED));
            }
            return g.named(name);
        }
        throw new IllegalArgumentException("unsupported type for " + name + ": " + t.simpleString());
    }

    private static void fill(Group g, StructType schema, Row r) {
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            Object v = r.get(i);
            if (v == null) {
                if (!fields[i].nullable()) {
                    throw new IllegalArgumentException("null in non-nullable column " + fields[i].name());
                }
                continue;
            }
            add(g, fields[i].name(), fields[i].dataType(), v);
        }
    }

    private static void add(Group g, String name, DataType t, Object v) {
        if (t instanceof StringType) {
            g.append(name, (String) v);
        } else if (t instanceof IntegerType) {
            g.append(name, ((Number) v).intValue());
        } else if (t instanceof LongType) {
            g.append(name, ((Number) v).longValue());
        } else if (t instanceof FloatType) {
            g.append(name, ((Number) v).floatValue());
        } else if (t instanceof DoubleType) {
            g.append(name, ((Number) v).doubleValue());
        } else if (t instanceof BooleanType) {
            g.append(name, (Boolean) v);
        } else if (t instanceof ArrayType a) {
            Group list = g.addGroup(name);
            for (Object e : Rows.list(v)) {
                Group item = list.addGroup("list");
                if (e != null) {
                    add(item, "element", a.elementType(), e);
                } else if (!a.containsNull()) {
                    throw new IllegalArgumentException("null element in " + name);
                }
            }
        } else if (t instanceof StructType s) {
            fill(g.addGroup(name), s, (Row) v);
        } else {
            throw new IllegalArgumentException("unsupported type for " + name + ": " + t.simpleString());
        }
    }
}
