package io.lvnet.weights;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints crafted to make a reader hang, recurse or allocate without bound (issue 16):
 * each is refused within two seconds of CPU time, allocating well under a gigabyte, with one
 * line that names the file and the problem.
 */
class PyTorchCheckpointHostileTest {
    /** CPU time a refusal may take: the reading thread's own, whatever else the machine runs. */
    private static final Duration CPU_LIMIT = Duration.ofSeconds(2);
    /**
     * Wall-clock time after which the read is abandoned as hung. Wider than the CPU limit
     * because the test machines are shared: a loaded one can stretch a second of work into
     * several.
     */
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);
    /** Heap the reading thread may allocate in all, garbage included. */
    private static final long ALLOCATION_LIMIT = 1L << 30;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    /**
     * Reads {@code file} on a watched thread, expecting a prompt, cheap, one-line refusal that
     * names the file and holds every fragment.
     */
    static WeightsFormatException refused(Path file, String... fragments) {
        WeightsFormatException e = assertTimeoutPreemptively(HANG_GUARD, () -> {
            long cpuBefore = THREADS.getCurrentThreadCpuTime();
            long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            WeightsFormatException thrown = assertThrows(WeightsFormatException.class,
                    () -> PyTorchCheckpoint.read(file));
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
            Duration cpu = Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - cpuBefore);
            assertTrue(allocated < ALLOCATION_LIMIT, "allocated " + allocated + " bytes reading " + file);
            assertTrue(cpu.compareTo(CPU_LIMIT) < 0, "took " + cpu.toMillis() + " ms of CPU reading " + file);
            return thrown;
        }, () -> file + " was not refused within " + HANG_GUARD.toSeconds() + " s");
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), "multi-line message: " + message);
        assertTrue(message.startsWith(file.toString()), "message does not name the file: " + message);
        assertTrue(message.length() < 500, "message of " + message.length() + " characters");
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "'" + fragment + "' missing from: " + message);
        }
        return e;
    }

    // the cases of issue 16

    @Test
    void listSharedThroughTheMemoAsADictKey() throws IOException {
        Path file = HostileCheckpoints.sharedListKey(dir);
        assertTrue(Files.size(file) < 1000);
        refused(file, "a list as a dictionary key", "unhashable key");
    }

    @Test
    void millionsOfAppendsTakeLinearTime() throws IOException {
        refused(HostileCheckpoints.manyAppends(dir), "'w' is a list, not a tensor");
    }

    @Test
    void tenMegabyteLongLiteral() throws IOException {
        refused(HostileCheckpoints.longLiteral(dir), "more than 4300 digits");
    }

    @Test
    void strideZeroViewsOfATinyStorage() throws IOException {
        refused(HostileCheckpoints.strideZeroViews(dir), "tensor 'view0'", "1073741824 bytes",
                "more than a checkpoint of");
    }

    @Test
    void deflateBombsAreNotInflated() throws IOException {
        Path file = HostileCheckpoints.deflateBombs(dir);
        assertTrue(Files.size(file) < 10_000_000);
        refused(file, "storage 0", "more than a checkpoint of");
    }

    @Test
    void dictKeyedByItself() throws IOException {
        refused(HostileCheckpoints.selfKeyedDict(dir), "a dict as a dictionary key", "unhashable key");
    }

    // variations on them

    @ParameterizedTest
    @ValueSource(strings = {"SETITEM", "SETITEMS", "DICT", "OrderedDict", "set", "frozenset", "tuple"})
    void sharedListIsRefusedAsAKeyWhereverItIsUsedAsOne(String how) throws IOException {
        PickleBuilder b = new PickleBuilder().proto(4).emptyList().memoPut(0).pop();
        for (int i = 1; i <= 60; i++) {
            b.mark().memoGet(i - 1).memoGet(i - 1).list().memoPut(i).pop();
        }
        switch (how) {
            case "SETITEM" -> b.emptyDict().memoGet(60).integer(1).setitem();
            case "SETITEMS" -> b.emptyDict().mark().str("a").integer(0).memoGet(60).integer(1).setitems();
            case "DICT" -> b.mark().memoGet(60).integer(1).op('d');
            case "OrderedDict" -> b.global("collections", "OrderedDict").mark().emptyList().mark()
                    .memoGet(60).integer(1).op(0x86).appends().tuple().reduce();
            case "set" -> b.op(0x8f).mark().memoGet(60).op(0x90);
            case "frozenset" -> b.mark().memoGet(60).op(0x91);
            case "tuple" -> b.emptyDict().memoGet(60).op(0x85).integer(1).setitem(); // (L60,) as key
            default -> throw new IllegalArgumentException(how);
        }
        Path file = PickleBuilder.writeZip(dir.resolve(how + ".pth"), b.stop().bytes());
        refused(file, "unhashable key");
    }

    @Test
    void dictHoldingItselfAsAValueIsJustNotAStateDict() throws IOException {
        // d = {'w': 1}; d['self'] = d: legal in Python, and no reason to recurse
        byte[] pickle = new PickleBuilder().proto(2).emptyDict().memoPut(0).str("w").integer(1).setitem()
                .str("self").memoGet(0).setitem().stop().bytes();
        refused(PickleBuilder.writeZip(dir.resolve("self_value.pth"), pickle), "'w' is an int, not a tensor");
    }

    @Test
    void textIntegersAreCappedAtPythonsDigitLimit() throws IOException {
        byte[] digits = new byte[PickleLimits.MAX_INT_DIGITS + 1];
        Arrays.fill(digits, (byte) '7');
        byte[] intText = new PickleBuilder().op('I').raw(digits).raw(new byte[] {'\n'}).stop().bytes();
        refused(PickleBuilder.writeZip(dir.resolve("int.pth"), intText), "more than 4300 digits");
        // the limit itself is accepted: a dict holding such an int is read as far as its entries
        byte[] atLimit = new PickleBuilder().proto(2).emptyDict().str("w").op('L')
                .raw(Arrays.copyOf(digits, PickleLimits.MAX_INT_DIGITS)).raw("L\n".getBytes()).setitem()
                .stop().bytes();
        refused(PickleBuilder.writeZip(dir.resolve("int_ok.pth"), atLimit), "'w' is an int, not a tensor");
    }

    @Test
    void binaryLongIsCapped() throws IOException {
        byte[] long4 = new PickleBuilder().proto(2).op(0x8b).raw(PickleBuilder.le(1_000_000, 4))
                .raw(new byte[1_000_000]).stop().bytes();
        refused(PickleBuilder.writeZip(dir.resolve("long4.pth"), long4), "integer of 1000000 bytes");
    }

    @Test
    void deepNestingIsRefused() throws IOException {
        PickleBuilder b = new PickleBuilder().proto(2).emptyTuple();
        for (int i = 0; i < 100_000; i++) {
            b.op(0x85); // TUPLE1
        }
        refused(PickleBuilder.writeZip(dir.resolve("deep.pth"), b.stop().bytes()), "more than 100 levels deep");
        // the same depth reached by filling lists top-down is not counted, and harms no one:
        // root = []; tail = root; 100000 times: new = []; tail.append(new); tail = new
        PickleBuilder down = new PickleBuilder().proto(2).emptyDict().str("w").emptyList().op('2'); // DUP
        for (int i = 0; i < 100_000; i++) {
            down.emptyList().memoPut(0).op('a').pop().memoGet(0);
        }
        down.pop().setitem().stop();
        refused(PickleBuilder.writeZip(dir.resolve("down.pth"), down.bytes()), "'w' is a list, not a tensor");
    }

    @Test
    void memoAndStackAreBounded() throws IOException {
        PickleBuilder memo = new PickleBuilder().proto(4).none();
        for (int i = 0; i <= PickleLimits.MAX_MEMO; i++) {
            memo.op(0x94); // MEMOIZE
        }
        refused(PickleBuilder.writeZip(dir.resolve("memo.pth"), memo.stop().bytes()), "memoizes more than");
        PickleBuilder stack = new PickleBuilder().proto(2);
        for (int i = 0; i <= PickleLimits.MAX_STACK; i++) {
            stack.none();
        }
        refused(PickleBuilder.writeZip(dir.resolve("stack.pth"), stack.stop().bytes()), "on its stack");
    }

    @Test
    void opcodesAreBounded() throws IOException {
        PickleBuilder b = new PickleBuilder().proto(2);
        for (long i = 0; i < PickleLimits.MAX_OPCODES / 2; i++) {
            b.none().pop();
        }
        Path file = new RawZip().stored("archive/data.pkl", b.none().stop().bytes()).write(dir.resolve("ops.pth"));
        refused(file, "more than 20000000 opcodes");
    }

    @Test
    void overlongGlobalNameIsRefusedWithAShortMessage() throws IOException {
        byte[] name = new byte[1 << 20];
        Arrays.fill(name, (byte) 'x');
        byte[] pickle = new PickleBuilder().proto(2).op('c').raw(name).raw("\nx\n".getBytes()).stop().bytes();
        refused(PickleBuilder.writeZip(dir.resolve("name.pth"), pickle), "more than 1000 characters");
    }

    @Test
    void tensorOfAbsurdRankIsRefused() throws IOException {
        long[] ones = new long[1000];
        Arrays.fill(ones, 1);
        byte[] pickle = new PickleBuilder().proto(2).orderedDict().mark().str("w")
                .tensor("FloatStorage", "0", 1, 0, ones, ones).setitems().stop().bytes();
        refused(PickleBuilder.writeZip(dir.resolve("rank.pth"), pickle, "0", PickleBuilder.floats(1f)),
                "1000 dimensions");
    }

    @Test
    void storageKeyMustBeAPlainName() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).orderedDict().mark().str("w")
                .tensor("FloatStorage", "0\n../x", 1, 0, new long[] {1}, new long[] {1}).setitems().stop().bytes();
        refused(PickleBuilder.writeZip(dir.resolve("key.pth"), pickle), "not a short plain name");
    }

    @Test
    void storageEntryInflatingBeyondItsListedSize() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).orderedDict().mark().str("w")
                .tensor("FloatStorage", "0", 4, 0, new long[] {4}, new long[] {1}).setitems().stop().bytes();
        Path lying = new RawZip().stored("archive/data.pkl", pickle)
                .rawDeflated("archive/data/0", RawZip.zeroBomb(4096), 16).write(dir.resolve("lying.pth"));
        refused(lying, "archive/data/0", "inflates to more than the 16 bytes the archive lists");
        Path huge = new RawZip().stored("archive/data.pkl", pickle)
                .rawDeflated("archive/data/0", RawZip.zeroBomb(4095), 4095L << 20).write(dir.resolve("huge.pth"));
        refused(huge, "lists 4293918720 bytes", "more than the 16 bytes storage 0");
    }

    @Test
    void pickleEntryInflatingBeyondTheLimit() throws IOException {
        Path bomb = new RawZip().rawDeflated("archive/data.pkl", RawZip.zeroBomb(1024), 1024L << 20)
                .write(dir.resolve("pickle_bomb.pth"));
        refused(bomb, "lists 1073741824 bytes", "more than the 134217728 bytes a pickle may take");
        Path lying = new RawZip().rawDeflated("archive/data.pkl", RawZip.zeroBomb(1024), 100)
                .write(dir.resolve("pickle_lying.pth"));
        refused(lying, "inflates to more than the 100 bytes the archive lists");
    }

    @Test
    void stridedViewsWithinTheBudgetStillLoad() throws IOException {
        // a stride-0 expansion of one element to 1M elements (4 MB) from a tiny file: within
        // the budget's allowance, as torch.save writes an expanded buffer
        byte[] pickle = new PickleBuilder().proto(2).orderedDict().mark().str("e")
                .tensor("FloatStorage", "0", 1, 0, new long[] {1 << 20}, new long[] {0}).setitems().stop().bytes();
        TensorData e = PyTorchCheckpoint.read(PickleBuilder.writeZip(dir.resolve("expand.pth"), pickle, "0",
                PickleBuilder.floats(2.5f))).stateDict().get("e");
        float[] values = e.toFloats();
        assertTrue(values.length == 1 << 20 && values[0] == 2.5f && values[values.length - 1] == 2.5f);
    }

    // the attacks that were already refused stay so

    @Test
    void duplicateDataPklEntry() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).emptyDict().stop().bytes();
        Path file = new RawZip().stored("archive/data.pkl", pickle).stored("archive/data.pkl", pickle)
                .write(dir.resolve("dup.pth"));
        refused(file, "2 data.pkl entries");
    }

    @Test
    void tensorSizeOverflow() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).orderedDict().mark().str("w")
                .tensor("FloatStorage", "0", 1, 0, new long[] {1 << 30, 1 << 30, 1 << 30}, new long[] {0, 0, 0})
                .setitems().stop().bytes();
        refused(PickleBuilder.writeZip(dir.resolve("overflow.pth"), pickle, "0", PickleBuilder.floats(1f)),
                "size overflows");
    }

    @Test
    void legacyFileIsBoundedToo() throws IOException {
        // the stride-0 views in a legacy (pre-1.6) file, read without a zip in between
        PickleBuilder main = new PickleBuilder().proto(2).orderedDict().mark();
        for (int i = 0; i < 5; i++) {
            main.str("view" + i).tensor("FloatStorage", "0", 1, 0, new long[] {1 << 14, 1 << 14}, new long[] {0, 0});
        }
        main.setitems().stop();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(PickleBuilder.legacyPreamble());
        file.writeBytes(main.bytes());
        file.writeBytes(new PickleBuilder().proto(2).emptyList().mark().str("0").appends().stop().bytes());
        file.writeBytes(PickleBuilder.le(1, 8));
        file.writeBytes(PickleBuilder.floats(1f));
        refused(Files.write(dir.resolve("legacy_stride0.pth"), file.toByteArray()), "tensor 'view0'",
                "more than a checkpoint of");
    }
}
