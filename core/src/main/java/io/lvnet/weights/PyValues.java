package io.lvnet.weights;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        if (v instanceof Set) {
            return "set";
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

    /**
     * Checks a dictionary key or set element before it is hashed: only str and int (bool
     * included) are accepted, the keys checkpoints use. Python refuses lists, dicts and sets
     * as unhashable; tuples, floats and the rest are refused here too, since hashing a tuple
     * means hashing what it holds, and a pickle can make that a graph of exponential size or
     * a cycle.
     *
     * @return {@code key}
     * @throws PickleFormatError naming the key's type
     */
    static Object hashableKey(Object key) {
        if (key instanceof String || key instanceof Integer || key instanceof Long
                || key instanceof BigInteger || key instanceof Boolean) {
            return key;
        }
        throw new PickleFormatError("unhashable key: pickle uses " + a(key) + " as a dictionary"
                + " key or set element, where checkpoints have only str and int");
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
