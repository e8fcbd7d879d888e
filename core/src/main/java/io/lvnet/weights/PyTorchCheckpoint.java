package io.lvnet.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A checkpoint written by PyTorch's {@code torch.save}, read without Python or native code:
 * its state dict as host tensors, the epoch when it records one, and the names of the other
 * top-level entries (optimizer state and the like, which are not read).
 *
 * <p>Both serialisations are understood: the zip archive of PyTorch 1.6 and later, and the
 * older stream of pickles. Unpickling is restricted to an allow-list of the globals
 * checkpoints use, so a file naming anything else (say {@code os.system}) is refused before
 * anything is constructed and no code from the file ever runs.
 *
 * <p>The state dict is the top-level dict itself, or the dict under {@code state_dict} or
 * {@code model}. A leading {@code module.} (what DistributedDataParallel adds) is stripped
 * from every key.
 */
public final class PyTorchCheckpoint {
    private static final String DDP_PREFIX = "module.";

    private final Map<String, TensorData> stateDict;
    private final OptionalInt epoch;
    private final Set<String> otherKeys;

    private PyTorchCheckpoint(Map<String, TensorData> stateDict, OptionalInt epoch,
            Set<String> otherKeys) {
        this.stateDict = Collections.unmodifiableMap(stateDict);
        this.epoch = epoch;
        this.otherKeys = Collections.unmodifiableSet(otherKeys);
    }

    /**
     * Reads a checkpoint file.
     *
     * @param path a {@code .pth}, {@code .pt} or {@code .pth.tar} file written by
     *     {@code torch.save}
     * @return its state dict and top-level information
     * @throws WeightsFormatException when the file is not a readable checkpoint, names a
     *     disallowed global, or its state dict holds something other than tensors; the
     *     message is one line naming the file and the problem
     * @throws IOException when the file cannot be read at all
     */
    public static PyTorchCheckpoint read(Path path) throws IOException {
        String file = path.toString();
        TensorMemoryBudget budget = new TensorMemoryBudget(Files.size(path));
        try (CheckpointArchive archive = open(path)) {
            return interpret(file, archive, budget);
        } catch (PickleFormatError e) {
            throw new WeightsFormatException(file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new WeightsFormatException(file + ": cannot be read as a checkpoint ("
                    + e.getClass().getSimpleName() + ": " + PyValues.oneLine(e.getMessage()) + ")", e);
        } catch (StackOverflowError e) {
            // nothing here recurses into the unpickled graph; should that ever change, a
            // deep pickle must still end as a refusal naming the file, not a JVM error
            throw new WeightsFormatException(file + ": nests values too deeply to read", e);
        } catch (OutOfMemoryError e) {
            // the budget keeps hostile files far below this; a genuine checkpoint can still be
            // larger than the heap, and everything read so far is garbage once this returns
            throw new WeightsFormatException(file + ": out of memory after reading "
                    + budget.used() + " bytes of tensor data (give Java more heap, e.g."
                    + " JAVA_OPTS=-Xmx8g)", e);
        }
    }

    /**
     * The state dict: tensor name (without a {@code module.} prefix) to tensor, in the
     * file's order. Unmodifiable.
     */
    public Map<String, TensorData> stateDict() {
        return stateDict;
    }

    /** The {@code epoch} entry of the top-level dict, when it has an integer one. */
    public OptionalInt epoch() {
        return epoch;
    }

    /**
     * Top-level keys other than {@code epoch} and the one holding the state dict (e.g.
     * {@code optimizer}), in the file's order; empty when the file is a bare state dict.
     * Unmodifiable.
     */
    public Set<String> otherKeys() {
        return otherKeys;
    }

    private static CheckpointArchive open(Path path) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return ZipCheckpointReader.open(path);
        }
        if (n >= 1 && (head[0] & 0xff) == 0x80) {
            return LegacyCheckpointReader.open(path);
        }
        throw new WeightsFormatException(path + ": not a PyTorch checkpoint ("
                + (n == 0 ? "the file is empty" : "it starts with neither a zip header nor a pickle")
                + ")");
    }

    private static PyTorchCheckpoint interpret(String file, CheckpointArchive archive,
            TensorMemoryBudget budget) throws WeightsFormatException {
        Object root = archive.root();
        if (!(root instanceof Map<?, ?> top)) {
            throw new WeightsFormatException(file + ": holds " + PyValues.a(root)
                    + ", not a dict of tensors");
        }
        String stateKey = null;
        for (String candidate : new String[] {"state_dict", "model"}) {
            if (top.containsKey(candidate) && !(top.get(candidate) instanceof TensorRef)) {
                if (!(top.get(candidate) instanceof Map)) {
                    throw new WeightsFormatException(file + ": its '" + candidate + "' entry is "
                            + PyValues.a(top.get(candidate)) + ", not a state dict");
                }
                stateKey = candidate;
                break;
            }
        }
        Map<?, ?> entries = stateKey == null ? top : (Map<?, ?>) top.get(stateKey);
        OptionalInt epoch = OptionalInt.empty();
        Set<String> others = new LinkedHashSet<>();
        if (stateKey != null) {
            Object e = top.get("epoch");
            if ((e instanceof Integer || e instanceof Long)
                    && ((Number) e).longValue() == ((Number) e).intValue()) {
                epoch = OptionalInt.of(((Number) e).intValue());
            }
            for (Object k : top.keySet()) {
                if (!stateKey.equals(k) && !"epoch".equals(k)) {
                    others.add(String.valueOf(k));
                }
            }
        }
        return new PyTorchCheckpoint(tensors(file, archive, entries, budget), epoch, others);
    }

    private static Map<String, TensorData> tensors(String file, CheckpointArchive archive,
            Map<?, ?> entries, TensorMemoryBudget budget) throws WeightsFormatException {
        Map<String, TensorData> out = new LinkedHashMap<>();
        // storage data stays cached only until its last tensor has been copied out
        Map<String, Integer> usesLeft = new HashMap<>();
        for (Object v : entries.values()) {
            if (v instanceof TensorRef ref) {
                usesLeft.merge(ref.storage().key(), 1, Integer::sum);
            }
        }
        Map<String, ByteBuffer> storages = new HashMap<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new WeightsFormatException(file + ": state dict has "
                        + PyValues.a(e.getKey()) + " key " + PyValues.brief(e.getKey())
                        + "; keys must be strings");
            }
            if (!(e.getValue() instanceof TensorRef ref)) {
                throw new WeightsFormatException(file + ": state dict entry " + PyValues.brief(key) + " is "
                        + PyValues.a(e.getValue()) + ", not a tensor");
            }
            String name = key.startsWith(DDP_PREFIX) ? key.substring(DDP_PREFIX.length()) : key;
            TensorData tensor;
            try {
                long bytes = TensorViews.contiguousBytes(ref, key);
                StorageRef viewed = ref.storage();
                ByteBuffer storage = storages.get(viewed.key());
                if (storage == null) {
                    budget.charge(viewed.rootBytes(), "storage " + viewed.key() + " ("
                            + viewed.type() + "[" + viewed.rootNumel() + "])");
                    storage = archive.storage(viewed);
                    storages.put(viewed.key(), storage);
                }
                if (usesLeft.merge(viewed.key(), -1, Integer::sum) == 0) {
                    storages.remove(viewed.key());
                }
                budget.charge(bytes, TensorViews.label(key) + " (" + ref + ")");
                tensor = TensorViews.materialize(ref, storage, key);
            } catch (PickleFormatError err) {
                throw new WeightsFormatException(file + ": " + err.getMessage(), err);
            }
            if (out.put(name, tensor) != null) {
                throw new WeightsFormatException(file + ": state dict holds " + PyValues.brief(name)
                        + " twice (once with a 'module.' prefix)");
            }
        }
        return out;
    }
}
