package io.lvnet.weights;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Dictionaries keep their pickled order. Length fields are checked against the bytes left
 * before anything that size is allocated. Every failure is a one-line
 * {@link WeightsFormatException} naming the source.
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
    private PickleInput in;

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
        this.in = input;
        try {
            return super.load(input);
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
        }
    }

    @Override
    protected Object dispatch(short op) throws IOException {
        switch (op) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(in);
                String name = PickleUtils.readline(in);
                stack.add(resolve(module, name));
            }
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
                String module = PickleUtils.readline(in);
                String name = PickleUtils.readline(in);
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
                stack.add(f.call(a));
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
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.DICT -> {
                Map<Object, Object> dict = new LinkedHashMap<>();
                putPairs(dict, stack.pop_all_since_marker());
                stack.add(dict);
            }
            case Opcodes.SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                if (!(stack.peek() instanceof Map<?, ?> target)) {
                    throw fail("SETITEMS on " + PyValues.a(stack.peek()));
                }
                @SuppressWarnings("unchecked")
                Map<Object, Object> dict = (Map<Object, Object>) target;
                putPairs(dict, items);
            }
            case Opcodes.BINPERSID -> stack.add(persistentLoader.load(stack.pop()));
            case Opcodes.BINUNICODE, Opcodes.BINBYTES, Opcodes.BINSTRING, Opcodes.LONG4 -> {
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

    private void putPairs(Map<Object, Object> dict, List<Object> items) throws WeightsFormatException {
        if (items.size() % 2 != 0) {
            throw fail("dictionary items come in an odd number (" + items.size() + ")");
        }
        for (int i = 0; i < items.size(); i += 2) {
            dict.put(items.get(i), items.get(i + 1));
        }
    }

    /**
     * Peeks the little-endian length field of the opcode being read and refuses lengths
     * beyond the end of the source.
     */
    private void checkLength(int fieldBytes) throws IOException {
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
