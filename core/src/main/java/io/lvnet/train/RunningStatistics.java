package io.lvnet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.lvnet.model.layers.NamedBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of a network's buffers (batch-norm running statistics and counters: the parameters
 * that take no gradient), written back on {@link #close}: a forward pass made between the two
 * leaves them as they were. A step whose update is skipped puts them back too: a batch with a NaN
 * would otherwise leave NaN running means behind.
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

    /** Frees the copies without writing them back: the statistics the forward passes left stand. */
    void discard() {
        copies.forEach(NDArray::close);
        copies.clear();
        buffers.clear();
    }

    /** Writes the copies back and frees them (nothing after {@link #discard}). */
    @Override
    public void close() {
        for (int i = 0; i < buffers.size(); i++) {
            NDArray copy = copies.get(i);
            buffers.get(i).getArray().set(copy.toByteBuffer());
            copy.close();
        }
    }
}
