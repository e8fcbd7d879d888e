package io.lvnet.weights;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Checks and conversions of the plain values an unpickled object graph is made of. */
final class PyValues {
    private PyValues() {
    }

    /** The Python type name of an unpickled value, for messages. */
    static String typeName(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            return "int";
        }
        if (v instanceof Double || v instanceof Float) {
            return "float";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        if (v instanceof Object[]) {
            return "tuple";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof PickledOrderedDict) {
            return "OrderedDict";
        }
        if (v instanceof Map) {
            return "dict";
        }
        if (v instanceof TensorRef) {
            return "tensor";
        }
        if (v instanceof StorageRef) {
            return "storage";
        }
        if (v instanceof StorageClass c) {
            return "class " + c.pythonName();
        }
        if (v instanceof PickleCallable) {
            return "function";
        }
        return v.getClass().getSimpleName();
    }

    /** The type name with its indefinite article ("a dict", "an int"). */
    static String a(Object v) {
        String name = typeName(v);
        return ("aeiouAEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    /** An integer value as a long. */
    static long toLong(Object v, String what) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        throw new PickleFormatError(what + " is " + typeName(v) + " " + brief(v) + ", not a 64-bit int");
    }

    /** A tuple (or list) of integers as a long array. */
    static long[] toLongs(Object v, String what) {
        Object[] items;
        if (v instanceof Object[] a) {
            items = a;
        } else if (v instanceof List<?> l) {
            items = l.toArray();
        } else {
            throw new PickleFormatError(what + " is " + typeName(v) + ", not a tuple of ints");
        }
        long[] out = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = toLong(items[i], what + "[" + i + "]");
        }
        return out;
    }

    /** A short printable form of a scalar value, for messages. */
    static String brief(Object v) {
        if (v instanceof String s) {
            return "'" + oneLine(s.length() > 60 ? s.substring(0, 60) + "..." : s) + "'";
        }
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        return "";
    }

    /** Text with line breaks replaced, fit for a one-line message. */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ").strip();
    }
}
