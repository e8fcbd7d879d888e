package io.lvnet.weights;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * An unpickler that builds plain data only. Every opcode that names or calls Python code is
 * handled here rather than by razorvine: GLOBAL and STACK_GLOBAL resolve through
 * {@link CheckpointGlobals} and refuse anything else at once, before any argument is read or
 * anything constructed; INST, OBJ, NEWOBJ_EX and text PERSID are refused outright; REDUCE and
 * NEWOBJ only apply allow-listed stand-ins; BUILD is only accepted on an OrderedDict.
 * Dictionaries keep their pickled order.
 *
 * <p>Like {@code torch.load(weights_only=True)}, it refuses what would make reading cost more
 * than the file's size suggests: dictionary keys other than str and int (checked before they
 * are hashed, since a list built through the memo can hash in exponential time), integers
 * of more digits than Python converts from text, and more opcodes, memo entries, stack values
 * or container nesting than {@link PickleLimits} allows. Every opcode that fills a container
 * takes time linear in what it adds. Length fields are checked against the bytes left before
 * anything that size is allocated. Every failure is a one-line {@link WeightsFormatException}
 * naming the source.
 */
final class RestrictedUnpickler extends Unpickler {

    /** Resolves a BINPERSID persistent id (a checkpoint's storage reference). */
    @FunctionalInterface
    interface PersistentLoader {
        /**
         * @param pid the persistent id as unpickled
         * @return the object the id stands for
         * @throws PickleFormatError when the id is not understood
         */
        Object load(Object pid);
    }

    private final String source;
    private final PersistentLoader persistentLoader;
    private final ContainerDepths depths = new ContainerDepths(PickleLimits.MAX_DEPTH);
    private PickleInput in;
    private MarkedStack marked;
    private long opcodes;

    /**
     * @param source how to name the pickle in messages, e.g. {@code "x.pth (archive/data.pkl)"}
     * @param persistentLoader resolves persistent ids
     */
    RestrictedUnpickler(String source, PersistentLoader persistentLoader) {
        this.source = source;
        this.persistentLoader = persistentLoader;
    }

    /**
     * Reads one pickle, up to and including its STOP opcode, leaving {@code input} just past
     * it.
     */
    Object load(PickleInput input) throws WeightsFormatException {
        try {
            return load((InputStream) input);
        } catch (WeightsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw fail(input.remaining() == 0
                    ? "pickle is truncated (file ends at byte " + input.position() + ")"
                    : "pickle cannot be read at byte " + input.position() + " ("
                            + PyValues.oneLine(e.getMessage()) + ")");
        } catch (RuntimeException e) {
            throw fail(describe(e) + " (pickle byte " + input.position() + ")");
        } finally {
            close();
            depths.clear();
        }
    }

    /**
     * Razorvine's loop, on a {@link MarkedStack}; failures as razorvine reports them. Use
     * {@link #load(PickleInput)}.
     *
     * @param stream a {@link PickleInput}, which knows how many bytes are left
     */
    @Override
    public Object load(InputStream stream) throws IOException {
        if (!(stream instanceof PickleInput pickleInput)) {
            throw new IllegalArgumentException("reads from a PickleInput only");
        }
        in = pickleInput;
        opcodes = 0;
        marked = new MarkedStack();
        stack = marked;
        input = stream;
        while (true) {
            short op = PickleUtils.readbyte(input);
            if (op < 0) {
                throw new IOException("premature end of file");
            }
            Object value = dispatch(op);
            if (value != NO_RETURN_VALUE) {
                return value;
            }
        }
    }

    @Override
    protected Object dispatch(short op) throws IOException {
        if (++opcodes > PickleLimits.MAX_OPCODES) {
            throw fail("pickle has more than " + PickleLimits.MAX_OPCODES + " opcodes; refused");
        }
        Object result = apply(op);
        if (stack.size() > PickleLimits.MAX_STACK) {
            throw fail("pickle holds more than " + PickleLimits.MAX_STACK
                    + " values on its stack at once; refused");
        }
        return result;
    }

    /**
     * One opcode. Whatever names or calls code, fills a container, reads an integer of
     * unbounded size or grows the memo is handled here; razorvine's own handling is kept only
     * for opcodes that push a single value of a size checked beforehand.
     */
    private Object apply(short op) throws IOException {
        switch (op) {
            case Opcodes.GLOBAL -> stack.add(resolve(PickleText.name(in), PickleText.name(in)));
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw fail("STACK_GLOBAL on " + PyValues.a(module) + " and "
                            + PyValues.a(name) + " instead of two strings");
                }
                stack.add(resolve(m, n));
            }
            case Opcodes.INST -> {
                String module = PickleText.name(in);
                String name = PickleText.name(in);
                throw fail("pickle uses the INST opcode on " + PyValues.oneLine(module) + "."
                        + PyValues.oneLine(name) + ", which a checkpoint never does; refused");
            }
            case Opcodes.OBJ, Opcodes.NEWOBJ_EX, Opcodes.PERSID, Opcodes.EXT1, Opcodes.EXT2,
                    Opcodes.EXT4, Opcodes.NEXT_BUFFER, Opcodes.READONLY_BUFFER ->
                throw fail("pickle uses opcode 0x" + Integer.toHexString(op)
                        + ", which a checkpoint never does; refused");
            case Opcodes.REDUCE, Opcodes.NEWOBJ -> {
                Object args = stack.pop();
                Object callable = stack.pop();
                if (!(callable instanceof PickleCallable f)) {
                    throw fail("pickle calls " + PyValues.a(callable)
                            + ", which is not an allowed callable");
                }
                if (!(args instanceof Object[] a)) {
                    throw fail("pickle calls a function with " + PyValues.a(args)
                            + " instead of an argument tuple");
                }
                Object made = f.call(a);
                depths.derived(made, a);
                stack.add(made);
            }
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                Object target = stack.peek();
                if (!(target instanceof PickledOrderedDict)) {
                    throw fail("pickle sets the state of " + PyValues.a(target)
                            + ", which a checkpoint never does; refused");
                }
                // instance attributes of an OrderedDict (a state dict's _metadata): not needed
            }
            case Opcodes.BINPERSID -> stack.add(persistentLoader.load(stack.pop()));
            case Opcodes.TUPLE -> stack.add(tuple(marked.popSinceMark()));
            case Opcodes.TUPLE1 -> stack.add(tuple(stack.pop()));
            case Opcodes.TUPLE2 -> {
                Object second = stack.pop();
                stack.add(tuple(stack.pop(), second));
            }
            case Opcodes.TUPLE3 -> {
                Object third = stack.pop();
                Object second = stack.pop();
                stack.add(tuple(stack.pop(), second, third));
            }
            case Opcodes.LIST -> {
                Object[] items = marked.popSinceMark();
                List<Object> list = new ArrayList<>(Arrays.asList(items));
                depths.filled(list, items);
                stack.add(list);
            }
            case Opcodes.APPEND -> {
                Object value = stack.pop();
                List<Object> list = target(List.class, "APPEND");
                list.add(value);
                depths.filledWith(list, value);
            }
            case Opcodes.APPENDS -> {
                // razorvine trims the list to size after every APPENDS, which makes a long
                // run of them quadratic; ArrayList's own growth keeps this linear
                Object[] items = marked.popSinceMark();
                List<Object> list = target(List.class, "APPENDS");
                for (Object item : items) {
                    list.add(item);
                }
                depths.filled(list, items);
            }
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.DICT -> {
                Map<Object, Object> dict = new LinkedHashMap<>();
                putPairs(dict, marked.popSinceMark());
                stack.add(dict);
            }
            case Opcodes.SETITEM -> {
                Object value = stack.pop();
                Object key = stack.pop();
                Map<Object, Object> dict = target(Map.class, "SETITEM");
                dict.put(PyValues.hashableKey(key), value);
                depths.filledWith(dict, value);
            }
            case Opcodes.SETITEMS -> {
                Object[] items = marked.popSinceMark();
                putPairs(target(Map.class, "SETITEMS"), items);
            }
            case Opcodes.EMPTY_SET -> stack.add(new LinkedHashSet<>());
            case Opcodes.ADDITEMS -> {
                Object[] items = marked.popSinceMark();
                addElements(target(Set.class, "ADDITEMS"), items);
            }
            case Opcodes.FROZENSET -> {
                Set<Object> set = new LinkedHashSet<>();
                addElements(set, marked.popSinceMark());
                stack.add(set);
            }
            case Opcodes.INT -> stack.add(PickleText.intValue(in));
            case Opcodes.LONG -> stack.add(PickleText.longValue(in));
            case Opcodes.FLOAT -> stack.add(PickleText.floatValue(in));
            case Opcodes.GET -> {
                int index = PickleText.memoIndex(in);
                if (!memo.containsKey(index)) {
                    throw fail("pickle refers to memo entry " + index + ", which it never set");
                }
                stack.add(memo.get(index));
            }
            case Opcodes.PUT -> memoize(PickleText.memoIndex(in));
            case Opcodes.BINPUT -> memoize(readUnsignedByte());
            case Opcodes.LONG_BINPUT -> memoize(PickleUtils.bytes_to_integer(PickleUtils.readbytes(in, 4)));
            case Opcodes.MEMOIZE -> memoize(memo.size());
            case Opcodes.LONG4 -> {
                long length = checkLength(4);
                if (length > PickleLimits.MAX_INT_BYTES) {
                    throw fail("pickle has an integer of " + length + " bytes, more than the "
                            + PickleLimits.MAX_INT_BYTES + " that " + PickleLimits.MAX_INT_DIGITS
                            + " digits take; refused");
                }
                return super.dispatch(op);
            }
            case Opcodes.BINUNICODE, Opcodes.BINBYTES, Opcodes.BINSTRING -> {
                checkLength(4);
                return super.dispatch(op);
            }
            case Opcodes.BINUNICODE8, Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> {
                checkLength(8);
                return super.dispatch(op);
            }
            default -> {
                return super.dispatch(op);
            }
        }
        return NO_RETURN_VALUE;
    }

    private Object resolve(String module, String name) throws WeightsFormatException {
        Object standIn = CheckpointGlobals.resolve(module, name);
        if (standIn == null) {
            throw fail("pickle refers to global '" + PyValues.oneLine(module) + "."
                    + PyValues.oneLine(name) + "', which is not allowed in a checkpoint; refused"
                    + " before anything was run");
        }
        return standIn;
    }

    private void putPairs(Map<Object, Object> dict, Object[] items) throws WeightsFormatException {
        if (items.length % 2 != 0) {
            throw fail("dictionary items come in an odd number (" + items.length + ")");
        }
        for (int i = 0; i < items.length; i += 2) {
            dict.put(PyValues.hashableKey(items[i]), items[i + 1]);
        }
        depths.filled(dict, items);
    }

    private static void addElements(Set<Object> set, Object[] items) {
        for (Object item : items) {
            set.add(PyValues.hashableKey(item));
        }
    }

    private Object[] tuple(Object... items) {
        depths.filled(items, items);
        return items;
    }

    /** The container on top of the stack that {@code opcode} adds to. */
    @SuppressWarnings("unchecked")
    private <T> T target(Class<?> type, String opcode) throws WeightsFormatException {
        Object top = stack.peek();
        if (!type.isInstance(top)) {
            throw fail(opcode + " on " + PyValues.a(top));
        }
        return (T) top;
    }

    private void memoize(int index) throws WeightsFormatException {
        if (memo.size() >= PickleLimits.MAX_MEMO && !memo.containsKey(index)) {
            throw fail("pickle memoizes more than " + PickleLimits.MAX_MEMO + " values; refused");
        }
        memo.put(index, stack.peek());
    }

    private int readUnsignedByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("premature end of file");
        }
        return b;
    }

    /**
     * Peeks the little-endian length field of the opcode being read and refuses lengths
     * beyond the end of the source.
     */
    private long checkLength(int fieldBytes) throws IOException {
        in.mark(fieldBytes);
        byte[] field = PickleUtils.readbytes(in, fieldBytes);
        in.reset();
        long length = 0;
        for (int i = fieldBytes - 1; i >= 0; i--) {
            length = (length << 8) | (field[i] & 0xff);
        }
        if (length < 0 || length > in.remaining() - fieldBytes) {
            throw fail("pickle is truncated: a value of " + Long.toUnsignedString(length)
                    + " bytes is announced at byte " + in.position() + " but only "
                    + Math.max(0, in.remaining() - fieldBytes) + " bytes follow");
        }
        return length;
    }

    private String describe(RuntimeException e) {
        if (e instanceof PickleFormatError) {
            return PyValues.oneLine(e.getMessage());
        }
        String what = e instanceof PickleException ? "" : e.getClass().getSimpleName() + ": ";
        return "malformed pickle (" + what + PyValues.oneLine(e.getMessage()) + ")";
    }

    private WeightsFormatException fail(String problem) {
        return new WeightsFormatException(source + ": " + problem);
    }
}
