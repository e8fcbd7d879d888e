package io.lvnet.weights;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The allow-list of Python globals a checkpoint's pickle may name, each mapped to a Java
 * stand-in: a {@link PickleCallable} for functions and classes that get called, a
 * {@link StorageClass} for torch storage types. Nothing outside this list is ever resolved,
 * so no code named by a file can run.
 */
final class CheckpointGlobals {
    private static final Map<String, Object> ALLOWED = Map.ofEntries(
            Map.entry("collections.OrderedDict", (PickleCallable) CheckpointGlobals::orderedDict),
            Map.entry("torch._utils._rebuild_tensor_v2", (PickleCallable) TensorRef::rebuild),
            Map.entry("torch._utils._rebuild_tensor", (PickleCallable) TensorRef::rebuild),
            Map.entry("torch._utils._rebuild_parameter", (PickleCallable) CheckpointGlobals::parameter),
            Map.entry("torch._utils._rebuild_parameter_with_state",
                    (PickleCallable) CheckpointGlobals::parameter),
            Map.entry("_codecs.encode", (PickleCallable) CheckpointGlobals::encode),
            storage("FloatStorage", TensorType.FLOAT32),
            storage("HalfStorage", TensorType.FLOAT16),
            storage("BFloat16Storage", TensorType.BFLOAT16),
            storage("DoubleStorage", TensorType.FLOAT64),
            storage("LongStorage", TensorType.INT64),
            storage("IntStorage", TensorType.INT32),
            storage("ShortStorage", TensorType.INT16),
            storage("CharStorage", TensorType.INT8),
            storage("ByteStorage", TensorType.UINT8),
            storage("BoolStorage", TensorType.BOOL),
            // a raw byte storage (torch >= 2.0 writes this class for untyped storages)
            storage("UntypedStorage", TensorType.UINT8));

    private CheckpointGlobals() {
    }

    /**
     * The stand-in for {@code module.name}, or null when that global is not allowed.
     */
    static Object resolve(String module, String name) {
        return ALLOWED.get(module + "." + name);
    }

    private static Map.Entry<String, Object> storage(String name, TensorType type) {
        return Map.entry("torch." + name, new StorageClass("torch." + name, type));
    }

    /** {@code OrderedDict()} or {@code OrderedDict([(k, v), ...])}. */
    private static Object orderedDict(Object[] args) {
        PickledOrderedDict dict = new PickledOrderedDict();
        if (args.length == 0) {
            return dict;
        }
        if (args.length == 1 && args[0] instanceof List<?> pairs) {
            for (Object pair : pairs) {
                if (!(pair instanceof Object[] kv) || kv.length != 2) {
                    throw new PickleFormatError("OrderedDict built from a list holding "
                            + PyValues.a(pair) + ", not (key, value) pairs");
                }
                dict.put(PyValues.hashableKey(kv[0]), kv[1]);
            }
            return dict;
        }
        throw new PickleFormatError("OrderedDict called with unsupported arguments");
    }

    /** {@code _rebuild_parameter(data, requires_grad, backward_hooks[, state])}: the data. */
    private static Object parameter(Object[] args) {
        if (args.length < 1 || !(args[0] instanceof TensorRef)) {
            throw new PickleFormatError("_rebuild_parameter called without a tensor");
        }
        return args[0];
    }

    /**
     * {@code _codecs.encode(text, 'latin1')}: how protocol-2 pickles written by Python 3 hold
     * {@code bytes}. Only the latin-1 codec is accepted.
     */
    private static Object encode(Object[] args) {
        if (args.length == 2 && args[0] instanceof String text
                && ("latin1".equals(args[1]) || "latin-1".equals(args[1]))
                && text.chars().allMatch(c -> c <= 0xff)) {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new PickleFormatError("_codecs.encode called with arguments other than (str, 'latin1')");
    }
}
