package io.lvnet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.lvnet.model.NamedBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of a network's buffers (batch-norm running statistics and counters: the parameters
 * that take no gradient), written back on {@link #close}: a forward pass made between the two
 * leaves them as they were.
 */
final class RunningStatistics implements AutoCloseable {
    private final List<Parameter> buffers = new ArrayList<>();
    private final List<NDArray> copies = new ArrayList<>();

    private RunningStatistics() {
    }

    /** Copies {@code net}'s buffers now. */
    static RunningStatistics of(NamedBlock net) {
        RunningStatistics kept = new RunningStatistics();
        for (Parameter p : net.namedParameters().values()) {
            if (!p.requiresGradient()) {
                kept.buffers.add(p);
                kept.copies.add(p.getArray().duplicate());
            }
        }
        return kept;
    }

    /** Writes the copies back and frees them. */
    @Override
    public void close() {
        for (int i = 0; i < buffers.size(); i++) {
            NDArray copy = copies.get(i);
            buffers.get(i).getArray().set(copy.toByteBuffer());
            copy.close();
        }
    }
}
