package io.lvnet.weights;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A storage that a checkpoint's pickle refers to by persistent id, possibly a window onto a
 * larger root storage (legacy files may store views). Its data lives outside the pickle.
 *
 * @param key the storage's key in the file (entry {@code data/<key>} of a zip checkpoint,
 *     the root key of a legacy one)
 * @param type element type
 * @param rootNumel elements of the root storage, as stored in the file
 * @param viewOffset first element of this storage within the root storage
 * @param numel elements of this storage
 */
record StorageRef(String key, TensorType type, long rootNumel, long viewOffset, long numel) {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_.\\-]{1,100}");

    /** A whole root storage. */
    static StorageRef root(String key, TensorType type, long numel) {
        return new StorageRef(key, type, numel, 0, numel);
    }

    /**
     * Bytes of the root storage.
     *
     * @throws PickleFormatError when that is more than one buffer can hold
     */
    long rootBytes() {
        if (rootNumel > TensorViews.MAX_BYTES / type.bytes()) {
            throw new PickleFormatError("storage " + key + " has " + rootNumel + " elements of "
                    + type + ", more than one buffer can hold");
        }
        return rootNumel * type.bytes();
    }

    /**
     * Interprets a persistent id {@code ('storage', storage_class, key, location, numel)}, as
     * both serialisations write it; legacy files add a sixth element, None or
     * {@code (view_key, offset, numel)} for a view onto the root storage.
     *
     * @param pid the unpickled persistent id
     * @param roots root storages seen so far by key; a new one is added
     */
    static StorageRef fromPersistentId(Object pid, Map<String, StorageRef> roots) {
        if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0])) {
            throw new PickleFormatError("persistent id " + describe(pid)
                    + " is not a storage reference");
        }
        if (!(t[1] instanceof StorageClass cls)) {
            throw new PickleFormatError("storage reference names " + PyValues.a(t[1])
                    + " as its storage type");
        }
        if (!(t[2] instanceof String key)) {
            throw new PickleFormatError("storage reference has " + PyValues.a(t[2])
                    + " as its key");
        }
        if (!PLAIN_KEY.matcher(key).matches()) {
            // keys name zip entries and appear in messages; torch writes decimal numbers
            throw new PickleFormatError("storage key " + PyValues.brief(key)
                    + " is not a short plain name");
        }
        long numel = PyValues.toLong(t[4], "element count of storage " + key);
        if (numel < 0) {
            throw new PickleFormatError("storage " + key + " has " + numel + " elements");
        }
        StorageRef root = roots.computeIfAbsent(key, k -> root(k, cls.type(), numel));
        if (root.type() != cls.type() || root.numel() != numel) {
            throw new PickleFormatError("storage " + key + " is referenced both as " + root.type()
                    + "[" + root.numel() + "] and as " + cls.type() + "[" + numel + "]");
        }
        if (t.length < 6 || t[5] == null) {
            return root;
        }
        if (!(t[5] instanceof Object[] view) || view.length != 3) {
            throw new PickleFormatError("storage " + key + " has view metadata of type "
                    + PyValues.typeName(t[5]) + ", not (key, offset, size)");
        }
        long offset = PyValues.toLong(view[1], "view offset in storage " + key);
        long size = PyValues.toLong(view[2], "view size in storage " + key);
        if (offset < 0 || size < 0 || offset > numel || size > numel - offset) {
            throw new PickleFormatError("storage view [" + offset + ", " + offset + "+" + size
                    + ") lies outside storage " + key + " of " + numel + " elements");
        }
        return new StorageRef(key, root.type(), numel, offset, size);
    }

    private static String describe(Object pid) {
        if (pid instanceof Object[] t && t.length > 0) {
            return "(" + PyValues.typeName(t[0]) + " " + PyValues.brief(t[0]) + ", ...)";
        }
        return "of type " + PyValues.typeName(pid);
    }
}
