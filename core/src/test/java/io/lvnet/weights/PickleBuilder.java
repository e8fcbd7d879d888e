package io.lvnet.weights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes pickles opcode by opcode, and checkpoint files around them, for tests. */
final class PickleBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleBuilder proto(int version) {
        return op(0x80).op(version);
    }

    PickleBuilder op(int opcode) {
        out.write(opcode);
        return this;
    }

    PickleBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** GLOBAL: module and name as text lines. */
    PickleBuilder global(String module, String name) {
        op('c');
        return raw((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** SHORT_BINUNICODE, SHORT_BINUNICODE, STACK_GLOBAL (protocol 4). */
    PickleBuilder stackGlobal(String module, String name) {
        return shortStr(module).shortStr(name).op(0x93);
    }

    /** BINUNICODE. */
    PickleBuilder str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        raw(le(b.length, 4));
        return raw(b);
    }

    /** SHORT_BINUNICODE (protocol 4). */
    PickleBuilder shortStr(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op(0x8c).op(b.length);
        return raw(b);
    }

    /** BININT. */
    PickleBuilder integer(long v) {
        op('J');
        return raw(le(v, 4));
    }

    /** LONG1 of a non-negative number. */
    PickleBuilder long1(BigInteger v) {
        byte[] be = v.toByteArray();
        op(0x8a).op(be.length);
        for (int i = be.length - 1; i >= 0; i--) {
            out.write(be[i]);
        }
        return this;
    }

    /** MARK, each value, TUPLE. */
    PickleBuilder intTuple(long... values) {
        mark();
        for (long v : values) {
            integer(v);
        }
        return tuple();
    }

    PickleBuilder mark() {
        return op('(');
    }

    PickleBuilder tuple() {
        return op('t');
    }

    PickleBuilder emptyTuple() {
        return op(')');
    }

    PickleBuilder emptyDict() {
        return op('}');
    }

    PickleBuilder emptyList() {
        return op(']');
    }

    PickleBuilder setitems() {
        return op('u');
    }

    PickleBuilder appends() {
        return op('e');
    }

    PickleBuilder setitem() {
        return op('s');
    }

    PickleBuilder list() {
        return op('l');
    }

    PickleBuilder pop() {
        return op('0');
    }

    /** BINPUT: memoize the top of the stack under a one-byte index. */
    PickleBuilder memoPut(int index) {
        return op('q').op(index);
    }

    /** BINGET: push the value memoized under a one-byte index. */
    PickleBuilder memoGet(int index) {
        return op('h').op(index);
    }

    PickleBuilder reduce() {
        return op('R');
    }

    PickleBuilder build() {
        return op('b');
    }

    PickleBuilder none() {
        return op('N');
    }

    PickleBuilder stop() {
        return op('.');
    }

    /** An empty OrderedDict, as torch pickles one. */
    PickleBuilder orderedDict() {
        return global("collections", "OrderedDict").emptyTuple().reduce();
    }

    /** A persistent storage id, zip style {@code ('storage', cls, key, 'cpu', numel)}. */
    PickleBuilder storage(String storageClass, String key, long numel) {
        mark().str("storage").global("torch", storageClass).str(key).str("cpu").integer(numel);
        return tuple().op('Q');
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())}. */
    PickleBuilder tensor(String storageClass, String key, long numel, long offset, long[] size,
            long[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").mark();
        storage(storageClass, key, numel);
        integer(offset).intTuple(size).intTuple(stride).op(0x89).orderedDict();
        return tuple().reduce();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] le(long v, int n) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
        byte[] out = new byte[n];
        System.arraycopy(b.array(), 0, out, 0, n);
        return out;
    }

    /** A zip checkpoint: {@code archive/data.pkl} plus {@code archive/data/<key>} entries. */
    static Path writeZip(Path file, byte[] pickle, Object... keysAndData) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(pickle);
            zip.closeEntry();
            for (int i = 0; i < keysAndData.length; i += 2) {
                zip.putNextEntry(new ZipEntry("archive/data/" + keysAndData[i]));
                zip.write((byte[]) keysAndData[i + 1]);
                zip.closeEntry();
            }
        }
        return file;
    }

    /** The three pickles a legacy file starts with: magic number, protocol, system info. */
    static byte[] legacyPreamble() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new PickleBuilder().proto(2).long1(LegacyCheckpointReader.MAGIC).stop().bytes());
        b.writeBytes(new PickleBuilder().proto(2).op('M').raw(le(1001, 2)).stop().bytes());
        b.writeBytes(new PickleBuilder().proto(2).emptyDict().mark().str("little_endian").op(0x88)
                .setitems().stop().bytes());
        return b.toByteArray();
    }

    /**
     * A bare state dict in the legacy (pre-1.6) torch.save format, each tensor in its own
     * storage rebuilt with the old {@code _rebuild_tensor}, as files of PyTorch 0.3 and 0.4
     * (the ImageNet Xception's) have it. The data are streamed, so large dicts are fine.
     */
    static Path writeLegacyStateDict(Path file, Map<String, TensorData> tensors) throws IOException {
        PickleBuilder main = new PickleBuilder().proto(2).orderedDict().mark();
        PickleBuilder keys = new PickleBuilder().proto(2).emptyList().mark();
        int k = 0;
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            TensorData t = e.getValue();
            String key = Integer.toString(k++);
            long[] shape = t.shape();
            long[] stride = new long[shape.length];
            long step = 1;
            for (int i = shape.length - 1; i >= 0; i--) {
                stride[i] = step;
                step *= shape[i];
            }
            main.str(e.getKey()).global("torch._utils", "_rebuild_tensor").mark()
                    .mark().str("storage").global("torch", storageClass(t.type())).str(key).str("cpu")
                    .integer(t.numel()).none().tuple().op('Q')
                    .integer(0).intTuple(shape).intTuple(stride).tuple().reduce();
            keys.str(key);
        }
        main.setitems().stop();
        keys.appends().stop();
        try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            os.write(legacyPreamble());
            os.write(main.bytes());
            os.write(keys.bytes());
            for (TensorData t : tensors.values()) {
                os.write(le(t.numel(), 8));
                ByteBuffer data = t.data();
                byte[] chunk = new byte[64 * 1024];
                while (data.hasRemaining()) {
                    int n = Math.min(chunk.length, data.remaining());
                    data.get(chunk, 0, n);
                    os.write(chunk, 0, n);
                }
            }
        }
        return file;
    }

    private static String storageClass(TensorType type) {
        return switch (type) {
            case FLOAT32 -> "FloatStorage";
            case INT64 -> "LongStorage";
            default -> throw new IllegalArgumentException("no legacy storage for " + type + " here");
        };
    }

    static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }
}
