package io.lvnet.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.lvnet.weights.TensorData;
import io.lvnet.weights.TensorType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Access to {@code ../shared/goldens}, the reference implementation's vectors. */
public final class Goldens {
    public static final Path DIR = Path.of("..", "shared", "goldens");

    private Goldens() {
    }

    public static Path file(String name) {
        Path p = DIR.resolve(name);
        if (!Files.exists(p)) {
            throw new IllegalStateException("golden file missing: " + p.toAbsolutePath()
                    + " (the shared/ folder must sit beside the repository)");
        }
        return p;
    }

    /** Reads a .npz archive; arrays are named after their entries. */
    public static NDList npz(NDManager manager, String name) {
        try (InputStream in = Files.newInputStream(file(name))) {
            return NDList.decode(manager, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of a state-dict key listing: name, shape and dtype. */
    public record KeyEntry(String name, long[] shape, TensorType type) {
        @Override
        public String toString() {
            return name + " " + Arrays.toString(shape) + " " + type;
        }
    }

    /** Parses {@code lvnet_state_dict_keys.txt}-style listings. */
    public static List<KeyEntry> keys(String name) {
        try {
            List<KeyEntry> out = new ArrayList<>();
            for (String line : Files.readAllLines(file(name), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                long[] shape = f[1].equals("scalar") ? new long[0]
                        : Arrays.stream(f[1].split("x")).mapToLong(Long::parseLong).toArray();
                TensorType type = switch (f[2]) {
                    case "float32" -> TensorType.FLOAT32;
                    case "int64" -> TensorType.INT64;
                    default -> throw new IllegalArgumentException("dtype " + f[2]);
                };
                out.add(new KeyEntry(f[0], shape, type));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The array as a float vector. */
    public static float[] floats(NDArray a) {
        return a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    }

    /** A host tensor built from float values and a shape. */
    public static TensorData tensor(long[] shape, float[] v) {
        return TensorData.ofFloats(shape, v);
    }
}
