package io.lvnet.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made checkpoints for what the reference files do not exercise. */
class PyTorchCheckpointCraftedTest {
    @TempDir
    Path dir;

    private static final float[] NINE = {0, 1, 2, 3, 4, 5, 6, 7, 8};

    @Test
    void stridedViewWithOffsetIsMaterialisedContiguously() throws IOException {
        // a 3x2 view at offset 2 with stride (1, 3): element [i][j] is storage[2 + i + 3j]
        byte[] pickle = new PickleBuilder().proto(2).orderedDict().mark().str("w")
                .tensor("FloatStorage", "0", 9, 2, new long[] {3, 2}, new long[] {1, 3})
                .setitems().stop().bytes();
        Path file = PickleBuilder.writeZip(dir.resolve("view.pth"), pickle, "0", PickleBuilder.floats(NINE));
        TensorData w = PyTorchCheckpoint.read(file).stateDict().get("w");
        assertEquals(TensorType.FLOAT32, w.type());
        assertArrayEquals(new long[] {3, 2}, w.shape());
        assertArrayEquals(new float[] {2, 5, 3, 6, 4, 7}, w.toFloats());
    }

    @Test
    void tensorsSharingAStorageAndAZeroDimTensor() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).emptyDict().mark()
                .str("a").tensor("FloatStorage", "0", 9, 0, new long[] {2, 2}, new long[] {2, 1})
                .str("b").tensor("FloatStorage", "0", 9, 8, new long[] {}, new long[] {})
                .str("c").tensor("FloatStorage", "0", 9, 4, new long[] {0, 3}, new long[] {3, 1})
                .setitems().stop().bytes();
        Path file = PickleBuilder.writeZip(dir.resolve("shared.pth"), pickle, "0", PickleBuilder.floats(NINE));
        Map<String, TensorData> sd = PyTorchCheckpoint.read(file).stateDict();
        assertEquals(List.of("a", "b", "c"), List.copyOf(sd.keySet()));
        assertArrayEquals(new float[] {0, 1, 2, 3}, sd.get("a").toFloats());
        assertArrayEquals(new long[] {}, sd.get("b").shape());
        assertArrayEquals(new float[] {8}, sd.get("b").toFloats());
        assertEquals(0, sd.get("c").numel());
    }

    @Test
    void bfloat16AndFloat64TensorsKeepTheirType() throws IOException {
        short[] bf16 = {0x3f80, (short) 0xc000, 0x4049}; // 1, -2, 3.140625
        ByteBuffer bfBytes = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : bf16) {
            bfBytes.putShort(s);
        }
        ByteBuffer f64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(Math.PI).putDouble(-1e300);
        byte[] pickle = new PickleBuilder().proto(2).orderedDict().mark()
                .str("module.half_b").tensor("BFloat16Storage", "0", 3, 0, new long[] {3}, new long[] {1})
                .str("module.double").tensor("DoubleStorage", "1", 2, 0, new long[] {2}, new long[] {1})
                .setitems().stop().bytes();
        Path file = PickleBuilder.writeZip(dir.resolve("types.pth"), pickle,
                "0", bfBytes.array(), "1", f64.array());
        Map<String, TensorData> sd = PyTorchCheckpoint.read(file).stateDict();
        assertEquals(List.of("half_b", "double"), List.copyOf(sd.keySet()));
        assertEquals(TensorType.BFLOAT16, sd.get("half_b").type());
        assertArrayEquals(new float[] {1f, -2f, 3.140625f}, sd.get("half_b").toFloats());
        assertEquals(TensorType.FLOAT64, sd.get("double").type());
        ByteBuffer d = sd.get("double").data();
        assertEquals(Math.PI, d.getDouble(0));
        assertEquals(-1e300, d.getDouble(8));
    }

    @Test
    void stateDictUnderModelWithParametersAndMetadata() throws IOException {
        // {'model': OrderedDict(w=Parameter(...)) with _metadata, 'epoch': 7, 'arch': 'x'};
        // protocol 4 with STACK_GLOBAL and a list of (key, value) pairs given to OrderedDict
        PickleBuilder b = new PickleBuilder().proto(4).emptyDict().mark()
                .str("arch").str("x")
                .str("model").stackGlobal("collections", "OrderedDict").mark().emptyList().mark()
                .mark().str("w").stackGlobal("torch._utils", "_rebuild_parameter").mark();
        b.tensor("FloatStorage", "k", 9, 1, new long[] {2}, new long[] {4});
        b.op(0x88).orderedDict().tuple().reduce().tuple() // ('w', Parameter)
                .appends().tuple().reduce()
                .emptyDict().mark().str("_metadata").orderedDict().setitems().build()
                .str("epoch").integer(7).setitems().stop();
        Path file = PickleBuilder.writeZip(dir.resolve("model.pth"), b.bytes(), "k", PickleBuilder.floats(NINE));
        PyTorchCheckpoint ckpt = PyTorchCheckpoint.read(file);
        assertEquals(OptionalInt.of(7), ckpt.epoch());
        assertEquals(Set.of("arch"), ckpt.otherKeys());
        assertArrayEquals(new float[] {1, 5}, ckpt.stateDict().get("w").toFloats());
    }

    @Test
    void legacyStorageViewsAreResolved() throws IOException {
        // legacy persistent id with view metadata: ('storage', cls, root, 'cpu', 9, ('v', 3, 4))
        PickleBuilder main = new PickleBuilder().proto(2).orderedDict().mark().str("v")
                .global("torch._utils", "_rebuild_tensor_v2").mark()
                .mark().str("storage").global("torch", "FloatStorage").str("root").str("cpu").integer(9)
                .mark().str("view").integer(3).integer(4).tuple().tuple().op('Q')
                .integer(1).intTuple(2).intTuple(2).op(0x89).orderedDict().tuple().reduce()
                .setitems().stop();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(PickleBuilder.legacyPreamble());
        file.writeBytes(main.bytes());
        file.writeBytes(new PickleBuilder().proto(2).emptyList().mark().str("root").appends().stop().bytes());
        file.writeBytes(PickleBuilder.le(9, 8));
        file.writeBytes(PickleBuilder.floats(NINE));
        Path path = Files.write(dir.resolve("legacy.pth"), file.toByteArray());
        // view = storage[3..7), tensor = view[1], view[3]
        assertArrayEquals(new float[] {4, 6}, PyTorchCheckpoint.read(path).stateDict().get("v").toFloats());
    }
}
