package io.lvnet.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.UnpickleStack;

/**
 * The unpickling stack, keeping where each MARK is so that the values pushed since the last
 * one are found and taken in time proportional to their number. Razorvine's own stack pops
 * them one by one into a list it then trims and reverses, which makes a pickle of millions
 * of one-element APPENDS slow and allocation-heavy.
 */
final class MarkedStack extends UnpickleStack {
    private static final long serialVersionUID = 1L;

    private Object[] values = new Object[64];
    private int size;
    private int[] marks = new int[16];
    private int markCount;

    @Override
    public void add(Object o) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = o;
    }

    @Override
    public void add_mark() {
        if (markCount == marks.length) {
            marks = Arrays.copyOf(marks, markCount * 2);
        }
        marks[markCount++] = size;
        add(MARKER);
    }

    @Override
    public Object pop() {
        if (size == 0) {
            throw new PickleException("pickle pops a value from an empty stack");
        }
        Object o = values[--size];
        values[size] = null;
        if (o == MARKER) {
            markCount--;
        }
        return o;
    }

    @Override
    public Object peek() {
        if (size == 0) {
            throw new PickleException("pickle uses a value from an empty stack");
        }
        return values[size - 1];
    }

    /** Takes the values pushed since the last MARK, and the MARK. */
    Object[] popSinceMark() {
        if (markCount == 0) {
            throw new PickleException("pickle takes the values since a MARK it never set");
        }
        int mark = marks[--markCount];
        Object[] taken = Arrays.copyOfRange(values, mark + 1, size);
        Arrays.fill(values, mark, size, null);
        size = mark;
        return taken;
    }

    @Override
    public List<Object> pop_all_since_marker() {
        return new ArrayList<>(Arrays.asList(popSinceMark()));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void trim() {
        // the array keeps its capacity for the next values
    }

    @Override
    public void clear() {
        Arrays.fill(values, 0, size, null);
        size = 0;
        markCount = 0;
    }
}
