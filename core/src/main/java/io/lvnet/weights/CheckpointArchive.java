package io.lvnet.weights;

import java.io.Closeable;
import java.nio.ByteBuffer;

/**
 * One serialised checkpoint file opened for reading: the object its main pickle holds, and
 * the data of the storages that object refers to, read on demand.
 */
interface CheckpointArchive extends Closeable {

    /** The unpickled top-level object, tensors still as {@link TensorRef}s. */
    Object root();

    /**
     * All bytes of a root storage, little-endian, exactly {@code rootNumel * elementSize}
     * long.
     *
     * @throws WeightsFormatException when the storage's data is missing, truncated or of the
     *     wrong size
     */
    ByteBuffer storage(StorageRef ref) throws WeightsFormatException;

    /** Closes the file; never fails. */
    @Override
    void close();
}
