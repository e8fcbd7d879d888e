package io.lvnet.weights;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small checkpoints crafted to cost a careless reader far more than their size: the cases
 * of issue 16, each of which {@code torch.load(weights_only=True)} refuses at once or reads
 * cheaply. Each is a zip checkpoint of a few hundred bytes to 8.5 MB (the pickles inside
 * reach 10 MB).
 */
public final class HostileCheckpoints {
    /** Levels of the shared-list graph: 2^80 paths, 640 bytes. */
    static final int DAG_LEVELS = 80;
    /** APPENDS opcodes of four bytes each: 6 MB. */
    static final int APPENDS = 1_500_000;
    /** Digits of the text integer: 10 MB. */
    static final int LONG_DIGITS = 10_000_000;
    /** Elements of each bomb storage: 1660 MiB of float32 zeros, about 1.7 MB deflated. */
    static final long BOMB_ELEMENTS = 1660L << 18;

    private HostileCheckpoints() {
    }

    /** Every case by name, written into {@code dir}. */
    public static Map<String, Path> all(Path dir) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("shared-list key", sharedListKey(dir));
        files.put("6 MB of APPENDS", manyAppends(dir));
        files.put("10 MB LONG literal", longLiteral(dir));
        files.put("stride-0 views", strideZeroViews(dir));
        files.put("deflate bombs", deflateBombs(dir));
        files.put("self-keyed dict", selfKeyedDict(dir));
        return files;
    }

    /**
     * Lists L0 = [], L(i+1) = [Li, Li] built through the memo, and L80 used as a dict key:
     * hashing it visits 2^80 paths.
     */
    public static Path sharedListKey(Path dir) throws IOException {
        PickleBuilder b = new PickleBuilder().proto(2).emptyDict().emptyList().memoPut(0).pop();
        for (int i = 1; i <= DAG_LEVELS; i++) {
            b.mark().memoGet(i - 1).memoGet(i - 1).list().memoPut(i).pop();
        }
        b.memoGet(DAG_LEVELS).integer(1).setitem().stop();
        return PickleBuilder.writeZip(dir.resolve("shared_list_key.pth"), b.bytes());
    }

    /** {'w': [7, 7, ...]} with every element added by its own APPENDS. */
    public static Path manyAppends(Path dir) throws IOException {
        PickleBuilder b = new PickleBuilder().proto(2).emptyDict().str("w").emptyList();
        for (int i = 0; i < APPENDS; i++) {
            b.mark().op('K').op(7).appends();
        }
        b.setitem().stop();
        return PickleBuilder.writeZip(dir.resolve("appends.pth"), b.bytes());
    }

    /** {'epoch': 999...9L} with the integer written as 10 million digits of text. */
    public static Path longLiteral(Path dir) throws IOException {
        byte[] digits = new byte[LONG_DIGITS];
        Arrays.fill(digits, (byte) '9');
        PickleBuilder b = new PickleBuilder().proto(2).emptyDict().str("epoch")
                .op('L').raw(digits).raw("L\n".getBytes(StandardCharsets.US_ASCII)).setitem().stop();
        return PickleBuilder.writeZip(dir.resolve("long_literal.pth"), b.bytes());
    }

    /** Five 16384 x 16384 tensors (1 GiB each) with stride 0 over one 4-byte storage. */
    public static Path strideZeroViews(Path dir) throws IOException {
        PickleBuilder b = new PickleBuilder().proto(2).orderedDict().mark();
        for (int i = 0; i < 5; i++) {
            b.str("view" + i).tensor("FloatStorage", "0", 1, 0, new long[] {1 << 14, 1 << 14}, new long[] {0, 0});
        }
        b.setitems().stop();
        return PickleBuilder.writeZip(dir.resolve("stride0.pth"), b.bytes(), "0", PickleBuilder.floats(1f));
    }

    /**
     * Five storages of 1.7 GB each, their sizes consistent throughout (pickle, listed sizes
     * and data), the data deflated to 1.7 MB each: 8.7 GB from an 8.5 MB file.
     */
    public static Path deflateBombs(Path dir) throws IOException {
        PickleBuilder b = new PickleBuilder().proto(2).orderedDict().mark();
        RawZip zip = new RawZip();
        byte[] bomb = RawZip.zeroBomb((int) (BOMB_ELEMENTS * 4 >> 20));
        for (int i = 0; i < 5; i++) {
            b.str("w" + i).tensor("FloatStorage", Integer.toString(i), BOMB_ELEMENTS, 0,
                    new long[] {BOMB_ELEMENTS}, new long[] {1});
        }
        zip.stored("archive/data.pkl", b.setitems().stop().bytes());
        for (int i = 0; i < 5; i++) {
            zip.rawDeflated("archive/data/" + i, bomb, BOMB_ELEMENTS * 4);
        }
        return zip.write(dir.resolve("deflate_bombs.pth"));
    }

    /** d = {}; d[d] = 1; d[d] = 2: the second key hashes a dict holding itself. */
    public static Path selfKeyedDict(Path dir) throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).emptyDict().memoPut(0)
                .mark().memoGet(0).integer(1).memoGet(0).integer(2).setitems().stop().bytes();
        return PickleBuilder.writeZip(dir.resolve("self_key.pth"), pickle);
    }
}
