package io.lvnet.data;


import java.util.Iterator;

/**
 * Where training and evaluation get their batches. An epoch's batches must depend only on the
 * source's seed and the epoch number, so that a resumed run sees the same data.
 */
public interface BatchSource {
    /** Number of batches one epoch yields. */
    int batchesPerEpoch();

    /** Number of faces one epoch yields. */
    long facesPerEpoch();

    /** The batches of epoch {@code epoch} (0-based), in order. */
    Iterator<HostBatch> epoch(int epoch);
}
