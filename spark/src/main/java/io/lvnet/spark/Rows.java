package io.lvnet.spark;

import java.util.List;
import scala.jdk.javaapi.CollectionConverters;

/** Arrays inside Spark rows: Java lists in rows we build, Scala sequences in rows Spark reads. */
final class Rows {
    private Rows() {
    }

    /** The elements of an array value. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object array) {
        if (array instanceof List<?> l) {
            return (List<Object>) l;
        }
        if (array instanceof scala.collection.Seq<?> s) {
            return (List<Object>) CollectionConverters.asJava(s);
        }
        if (array instanceof Object[] a) {
            return java.util.Arrays.asList(a);
        }
        throw new IllegalArgumentException("not an array value: " + (array == null ? "null" : array.getClass().getName()));
    }
}
