package io.lvnet.weights;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Broken and hostile files: each must fail with one clear line naming the file and the problem. */
class PyTorchCheckpointErrorTest {
    @TempDir
    Path dir;

    /** Reads {@code file}, expecting a one-line failure that names it and holds every fragment. */
    private static WeightsFormatException fails(Path file, String... fragments) {
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> PyTorchCheckpoint.read(file));
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), "multi-line message: " + message);
        assertTrue(message.startsWith(file.toString()), "message does not name the file: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "'" + fragment + "' missing from: " + message);
        }
        return e;
    }

    private Path truncatedCopy(String golden, long length) throws IOException {
        byte[] all = Files.readAllBytes(PyTorchCheckpointGoldenTest.GOLDENS.resolve(golden));
        return Files.write(dir.resolve("cut-" + length + "-" + golden), Arrays.copyOf(all, (int) length));
    }

    @Test
    void truncatedZipCheckpoint() throws IOException {
        long size = Files.size(PyTorchCheckpointGoldenTest.GOLDENS.resolve("small_checkpoint.pth.tar"));
        fails(truncatedCopy("small_checkpoint.pth.tar", size / 2), "zip", "truncated");
        fails(truncatedCopy("small_checkpoint.pth.tar", size - 10), "zip");
    }

    @Test
    void truncatedLegacyFile() throws IOException {
        long size = Files.size(PyTorchCheckpointGoldenTest.GOLDENS.resolve("small_state_dict_legacy.pth"));
        fails(truncatedCopy("small_state_dict_legacy.pth", size - 100), "truncated");
        fails(truncatedCopy("small_state_dict_legacy.pth", 3000), "truncated"); // inside the main pickle
        fails(truncatedCopy("small_state_dict_legacy.pth", 7120), "truncated"); // inside a storage header
    }

    @Test
    void randomBytesAndEmptyFiles() throws IOException {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        noise[0] = 0x17;
        fails(Files.write(dir.resolve("noise.pth"), noise), "not a PyTorch checkpoint");
        noise[0] = (byte) 0x80; // looks like a pickle for one byte
        fails(Files.write(dir.resolve("noise80.pth"), noise), "not a PyTorch checkpoint");
        fails(Files.write(dir.resolve("empty.pth"), new byte[0]), "not a PyTorch checkpoint", "empty");
    }

    @Test
    void zipWithoutDataPkl() throws IOException {
        Path file = dir.resolve("other.zip");
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("archive/readme.txt"));
            zip.write("hello".getBytes());
            zip.closeEntry();
        }
        fails(file, "data.pkl", "not a PyTorch checkpoint");
    }

    @ParameterizedTest
    @CsvSource({"os, system", "posix, system", "builtins, eval", "__builtin__, set", "subprocess, Popen",
        "torch, load", "datetime, datetime", "array, array", "exceptions, Exception"})
    void disallowedGlobalInZipIsRefusedBeforeAnythingRuns(String module, String name) throws IOException {
        // GLOBAL module.name, ('echo pwned',), REDUCE, then an invalid opcode: a reader that did
        // not stop at the GLOBAL would report the invalid opcode instead
        byte[] pickle = new PickleBuilder().proto(2).global(module, name).mark().str("echo pwned").tuple()
                .reduce().op(0xff).stop().bytes();
        Path file = PickleBuilder.writeZip(dir.resolve("evil.pth"), pickle);
        fails(file, "'" + module + "." + name + "'", "not allowed");
    }

    @Test
    void disallowedStackGlobalIsRefused() throws IOException {
        byte[] pickle = new PickleBuilder().proto(4).stackGlobal("builtins", "exec").shortStr("print(1)")
                .op(0x85).reduce().stop().bytes();
        fails(PickleBuilder.writeZip(dir.resolve("evil4.pth"), pickle), "'builtins.exec'", "not allowed");
    }

    @Test
    void instAndObjOpcodesAreRefused() throws IOException {
        byte[] inst = new PickleBuilder().mark().str("ls").op('i').raw("os\nsystem\n".getBytes()).stop().bytes();
        fails(PickleBuilder.writeZip(dir.resolve("inst.pth"), inst), "INST", "os.system");
        byte[] obj = new PickleBuilder().proto(2).mark().orderedDict().op('o').stop().bytes();
        fails(PickleBuilder.writeZip(dir.resolve("obj.pth"), obj), "refused");
    }

    @Test
    void disallowedGlobalInLegacyFileIsRefused() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(PickleBuilder.legacyPreamble());
        file.writeBytes(new PickleBuilder().proto(2).global("os", "system").mark().str("rm -rf ~").tuple()
                .reduce().stop().bytes());
        fails(Files.write(dir.resolve("evil_legacy.pth"), file.toByteArray()), "'os.system'", "not allowed");
    }

    @Test
    void storageMissingFromArchive() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).orderedDict().mark().str("w")
                .tensor("FloatStorage", "7", 4, 0, new long[] {4}, new long[] {1}).setitems().stop().bytes();
        fails(PickleBuilder.writeZip(dir.resolve("nostorage.pth"), pickle), "storage 7", "missing");
    }

    @Test
    void storageOfWrongSize() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).orderedDict().mark().str("w")
                .tensor("FloatStorage", "0", 4, 0, new long[] {4}, new long[] {1}).setitems().stop().bytes();
        fails(PickleBuilder.writeZip(dir.resolve("short.pth"), pickle, "0", PickleBuilder.floats(1, 2, 3)),
                "storage 0", "12 bytes", "expected 16");
    }

    @Test
    void viewOutsideItsStorage() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).orderedDict().mark().str("w")
                .tensor("FloatStorage", "0", 9, 4, new long[] {3, 2}, new long[] {1, 3}).setitems().stop().bytes();
        fails(PickleBuilder.writeZip(dir.resolve("oob.pth"), pickle, "0", PickleBuilder.floats(new float[9])),
                "tensor 'w'", "reads element 9", "holds only 9");
        byte[] negative = new PickleBuilder().proto(2).orderedDict().mark().str("w")
                .tensor("FloatStorage", "0", 9, -1, new long[] {2}, new long[] {1}).setitems().stop().bytes();
        fails(PickleBuilder.writeZip(dir.resolve("neg.pth"), negative, "0", PickleBuilder.floats(new float[9])),
                "tensor 'w'", "reads element -1");
    }

    @Test
    void nonTensorInStateDict() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).orderedDict().mark().str("w").integer(3).setitems()
                .stop().bytes();
        fails(PickleBuilder.writeZip(dir.resolve("int.pth"), pickle), "'w'", "int", "not a tensor");
    }

    @Test
    void malformedAndOversizedPickles() throws IOException {
        // REDUCE with an empty stack
        byte[] underflow = new PickleBuilder().proto(2).reduce().stop().bytes();
        fails(PickleBuilder.writeZip(dir.resolve("underflow.pth"), underflow), "malformed pickle");
        // a string claiming 2 GB
        byte[] huge = new PickleBuilder().proto(2).op('X').raw(PickleBuilder.le(0x7fff_fff0L, 4)).stop().bytes();
        fails(PickleBuilder.writeZip(dir.resolve("huge.pth"), huge), "truncated", "2147483632 bytes");
        // a pickle that just ends
        byte[] cut = new PickleBuilder().proto(2).emptyDict().mark().str("a").bytes();
        fails(PickleBuilder.writeZip(dir.resolve("cut.pth"), cut), "truncated");
        // calling something that is not a callable (a storage class)
        byte[] notCallable = new PickleBuilder().proto(2).global("torch", "FloatStorage").emptyTuple().reduce()
                .stop().bytes();
        fails(PickleBuilder.writeZip(dir.resolve("call.pth"), notCallable), "torch.FloatStorage", "not an allowed callable");
    }

    @Test
    void legacyStorageListNamingAnUnknownStorage() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(PickleBuilder.legacyPreamble());
        file.writeBytes(new PickleBuilder().proto(2).emptyDict().stop().bytes());
        file.writeBytes(new PickleBuilder().proto(2).emptyList().mark().str("ghost").appends().stop().bytes());
        fails(Files.write(dir.resolve("ghost.pth"), file.toByteArray()), "'ghost'", "no tensor refers to");
    }

    @Test
    void legacyFileWithoutMagicNumber() throws IOException {
        byte[] plainPickle = new PickleBuilder().proto(2).emptyDict().stop().bytes();
        fails(Files.write(dir.resolve("plain.pkl"), plainPickle), "not a PyTorch checkpoint", "magic number");
    }
}
