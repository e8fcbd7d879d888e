package io.lvnet.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Turns a {@link TensorRef} (a strided view onto a storage) into a contiguous
 * {@link TensorData}, after checking that every element it reads lies inside the storage.
 */
final class TensorViews {
    /** The largest tensor a {@link TensorData} (one ByteBuffer) can hold, in bytes. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private TensorViews() {
    }

    /**
     * Checks that a view lies inside its storage and fits one buffer.
     *
     * @param ref the view
     * @param name the tensor's name, for messages
     * @return the bytes the view's elements take once copied out contiguously
     * @throws PickleFormatError when the view does not fit its storage or is too large
     */
    static long contiguousBytes(TensorRef ref, String name) {
        StorageRef storage = ref.storage();
        TensorType type = storage.type();
        long[] size = ref.size();
        long[] stride = ref.stride();
        long numel = 1;
        long last = ref.offset();
        for (int d = 0; d < size.length; d++) {
            if (size[d] < 0 || stride[d] < 0) {
                throw new PickleFormatError(label(name) + " has size " + Arrays.toString(size)
                        + " and stride " + Arrays.toString(stride) + "; negative values are invalid");
            }
            numel = multiply(numel, size[d], name);
            if (size[d] > 0) {
                last = add(last, multiply(size[d] - 1, stride[d], name), name);
            }
        }
        long bytes = multiply(numel, type.bytes(), name);
        if (bytes > MAX_BYTES) {
            throw new PickleFormatError(label(name) + " has " + numel + " elements of "
                    + type + ", more than one buffer can hold");
        }
        if (numel > 0 && (ref.offset() < 0 || last >= storage.numel())) {
            throw new PickleFormatError(label(name) + " (" + type + Arrays.toString(size)
                    + ", offset " + ref.offset() + ", stride " + Arrays.toString(stride)
                    + ") reads element " + (ref.offset() < 0 ? ref.offset() : last)
                    + " of storage " + storage.key() + ", which holds only " + storage.numel()
                    + " elements");
        }
        return bytes;
    }

    /**
     * Copies a view out of its storage. Each call allocates the view's own buffer, even when
     * views overlap: callers bound the total (see {@link TensorMemoryBudget}).
     *
     * @param ref the view
     * @param rootStorage all bytes of {@code ref.storage()}'s root storage, little-endian
     * @param name the tensor's name, for messages
     * @return the elements the view reads, row-major
     * @throws PickleFormatError when the view does not fit its storage or is too large
     */
    static TensorData materialize(TensorRef ref, ByteBuffer rootStorage, String name) {
        long bytes = contiguousBytes(ref, name);
        StorageRef storage = ref.storage();
        int es = storage.type().bytes();
        long[] size = ref.size();
        long[] stride = ref.stride();
        ByteBuffer src = rootStorage.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        long base = storage.viewOffset() + ref.offset();
        if (bytes > 0) {
            if (isContiguous(size, stride)) {
                copy(src, base * es, out, 0, (int) bytes);
            } else {
                gather(src, base, size, stride, es, out);
            }
        }
        return new TensorData(storage.type(), size, out);
    }

    /** "tensor 'name'", fit for a one-line message whatever the name holds. */
    static String label(String name) {
        return "tensor " + PyValues.brief(name);
    }

    /** Whether a view with these strides is already row-major contiguous. */
    static boolean isContiguous(long[] size, long[] stride) {
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= size[d];
        }
        return true;
    }

    /** Copies a non-contiguous view element by element, last dimension innermost. */
    private static void gather(ByteBuffer src, long base, long[] size, long[] stride, int es,
            ByteBuffer out) {
        int rank = size.length;
        long[] index = new long[rank];
        long inner = size[rank - 1];
        long innerStride = stride[rank - 1];
        int pos = 0;
        while (true) {
            long start = base;
            for (int d = 0; d < rank - 1; d++) {
                start += index[d] * stride[d];
            }
            for (long i = 0; i < inner; i++) {
                copy(src, (start + i * innerStride) * es, out, pos, es);
                pos += es;
            }
            int d = rank - 2;
            while (d >= 0 && ++index[d] == size[d]) {
                index[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }

    private static void copy(ByteBuffer src, long from, ByteBuffer out, int to, int length) {
        out.put(to, src, Math.toIntExact(from), length);
    }

    private static long multiply(long a, long b, String name) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new PickleFormatError(label(name) + " is too large (size overflows)");
        }
    }

    private static long add(long a, long b, String name) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new PickleFormatError(label(name) + " is too large (size overflows)");
        }
    }
}
