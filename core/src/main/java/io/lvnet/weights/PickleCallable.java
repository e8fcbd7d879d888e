package io.lvnet.weights;

/**
 * A Java stand-in for one allow-listed Python callable: what a REDUCE or NEWOBJ opcode
 * applies to its argument tuple. Only {@link CheckpointGlobals} creates them.
 */
@FunctionalInterface
interface PickleCallable {
    /**
     * @param args the pickled argument tuple
     * @return the constructed value
     * @throws PickleFormatError when the arguments are not what this callable accepts
     */
    Object call(Object[] args);
}
