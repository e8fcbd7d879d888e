package io.lvnet.model.layers;



import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A DJL block whose parameters and children have plain names, so that the whole network can
 * be walked as a dotted-name tree ({@code rgbStream.block1.skip.weight}), which {@link
 * io.lvnet.model.ReferenceNames} maps onto the reference state dict.
 *
 * <p>Every parameter has a fixed shape from construction, so initialisation needs no input
 * shapes. Buffers (batch-norm statistics, fixed filters) are parameters that take no gradient.
 */
public abstract class NamedBlock extends AbstractBlock {
    private final Map<String, Block> namedChildren = new LinkedHashMap<>();

    /** Registers a child under its plain name and returns it. */
    protected final <B extends Block> B child(String name, B block) {
        addChildBlock(name, block);
        namedChildren.put(name, block);
        return block;
    }

    /** Registers a parameter of a fixed shape. */
    protected final Parameter parameter(
            String name, Parameter.Type type, Shape shape, Initializer init, boolean trainable) {
        return addParameter(
                Parameter.builder()
                        .setName(name)
                        .setType(type)
                        .optShape(shape)
                        .optInitializer(init)
                        .optRequiresGrad(trainable)
                        .build());
    }

    /**
     * Every parameter and buffer below this block, in registration order, keyed by its dotted
     * path relative to this block.
     */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Parameter> out) {
        for (Parameter p : getDirectParameters().values()) {
            out.put(prefix + p.getName(), p);
        }
        for (Map.Entry<String, Block> e : namedChildren.entrySet()) {
            if (e.getValue() instanceof NamedBlock nb) {
                nb.collect(prefix + e.getKey() + ".", out);
            }
        }
    }

    /** See {@link Scopes#scoped}. */
    protected static NDArray scoped(Supplier<NDArray> body) {
        return Scopes.scoped(body);
    }

    /** See {@link Scopes#scopedList}. */
    protected static NDList scopedList(Supplier<NDList> body) {
        return Scopes.scopedList(body);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block b : namedChildren.values()) {
            b.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " is used through its typed forward methods");
    }
}
