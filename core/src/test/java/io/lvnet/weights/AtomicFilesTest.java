package io.lvnet.weights;

import io.lvnet.files.AtomicFiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReplacesCreatingParents() throws IOException {
        Path file = dir.resolve("a/b/c.txt");
        AtomicFiles.write(file, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        assertEquals("first", Files.readString(file));
        AtomicFiles.write(file, out -> {
            out.write("second".getBytes(StandardCharsets.UTF_8));
            out.close(); // closing the stream is tolerated
        });
        assertEquals("second", Files.readString(file));
        assertEquals(List.of(file), listing(file.getParent()));
    }

    @Test
    void writerThatThrowsMidwayLeavesOldFileAndNoTemporary() throws IOException {
        Path file = dir.resolve("weights.bin");
        Files.writeString(file, "old content");
        IOException failure = new IOException("disk on fire");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[3 << 20]); // more than the buffer, so some reached the temp file
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals("old content", Files.readString(file));
        assertEquals(List.of(file), listing(dir));
    }

    @Test
    void runtimeFailureAlsoCleansUp() throws IOException {
        Path file = dir.resolve("new.bin");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.writeChannel(file, ch -> {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
            throw new IllegalStateException("bug");
        }));
        assertFalse(Files.exists(file));
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void channelWriterContentArrives() throws IOException {
        Path file = dir.resolve("c.bin");
        AtomicFiles.writeChannel(file, ch -> ch.write(java.nio.ByteBuffer.wrap(new byte[] {9, 8, 7})));
        assertArrayEquals(new byte[] {9, 8, 7}, Files.readAllBytes(file));
    }

    private static List<Path> listing(Path directory) throws IOException {
        try (var s = Files.list(directory)) {
            return s.sorted().toList();
        }
    }
}
