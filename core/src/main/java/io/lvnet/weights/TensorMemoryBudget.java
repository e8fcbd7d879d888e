package io.lvnet.weights;

/**
 * The bytes of tensor data that reading one checkpoint may allocate: storages read from the
 * file and the tensors copied out of them, a small multiple of the file's size.
 *
 * <p>PyTorch keeps a tensor as a view onto its storage; this reader copies each view out. A
 * real checkpoint's views partition their storages (or share one between tied weights), so
 * the copies take about as much as the file. A hostile one can lay many views with stride 0
 * over a single element and ask for gigabytes from a few bytes, or give a compressed entry
 * that inflates far beyond the file. Every such allocation is charged here first.
 */
final class TensorMemoryBudget {
    /** Tensor data per byte of file: storages (1x), their tensors (1x) and room for shared views. */
    static final int FILE_MULTIPLE = 4;
    /** Allowance on top, so small files may still hold small expanded (stride 0) tensors. */
    static final long SLACK_BYTES = 64L << 20;

    private final long fileSize;
    private final long limit;
    private long used;

    /** @param fileSize the checkpoint file's size in bytes */
    TensorMemoryBudget(long fileSize) {
        this.fileSize = fileSize;
        long scaled = fileSize > (Long.MAX_VALUE - SLACK_BYTES) / FILE_MULTIPLE
                ? Long.MAX_VALUE - SLACK_BYTES : fileSize * FILE_MULTIPLE;
        this.limit = scaled + SLACK_BYTES;
    }

    /**
     * Charges an allocation about to be made.
     *
     * @param bytes its size
     * @param what what it is for, e.g. {@code "tensor 'w' (float32[3, 4])"}
     * @throws PickleFormatError when it would take the total beyond the budget
     */
    void charge(long bytes, String what) {
        if (bytes > limit - used) {
            throw new PickleFormatError(what + " needs " + bytes + " bytes, more than a checkpoint"
                    + " of " + fileSize + " bytes can account for (" + FILE_MULTIPLE
                    + " x its size + " + (SLACK_BYTES >> 20) + " MiB of tensor data in all, "
                    + used + " bytes taken already); refused");
        }
        used += bytes;
    }

    /** Bytes charged so far. */
    long used() {
        return used;
    }
}
