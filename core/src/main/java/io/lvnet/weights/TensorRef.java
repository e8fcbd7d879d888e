package io.lvnet.weights;

import java.util.Arrays;

/**
 * A tensor as a pickle describes it: a strided view onto a storage whose data is read later,
 * only for the tensors that are wanted (a checkpoint's optimizer state is never read).
 *
 * @param storage the storage viewed
 * @param offset index of the first element within the storage
 * @param size dimensions
 * @param stride elements between neighbours along each dimension
 */
record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {

    /**
     * Applies {@code torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride,
     * requires_grad, backward_hooks[, metadata])} (or the older {@code _rebuild_tensor} with
     * the first four arguments). Only the view is kept: gradients and hooks do not matter
     * to a reader of weights.
     */
    static TensorRef rebuild(Object[] args) {
        if (args.length < 4) {
            throw new PickleFormatError("_rebuild_tensor_v2 called with " + args.length
                    + " arguments, expected at least 4");
        }
        if (!(args[0] instanceof StorageRef storage)) {
            throw new PickleFormatError("_rebuild_tensor_v2 called on "
                    + PyValues.a(args[0]) + ", not a storage");
        }
        long offset = PyValues.toLong(args[1], "tensor storage offset");
        long[] size = PyValues.toLongs(args[2], "tensor size");
        long[] stride = PyValues.toLongs(args[3], "tensor stride");
        if (size.length > PickleLimits.MAX_RANK) {
            throw new PickleFormatError("tensor has " + size.length + " dimensions, more than "
                    + PickleLimits.MAX_RANK);
        }
        if (stride.length != size.length) {
            throw new PickleFormatError("tensor size " + Arrays.toString(size) + " and stride "
                    + Arrays.toString(stride) + " differ in rank");
        }
        return new TensorRef(storage, offset, size, stride);
    }

    @Override
    public String toString() {
        return storage.type() + Arrays.toString(size) + " at offset " + offset + " stride "
                + Arrays.toString(stride) + " of storage " + storage.key();
    }
}
