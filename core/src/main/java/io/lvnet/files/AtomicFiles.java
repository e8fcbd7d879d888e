package io.lvnet.files;



import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that readers see either the old content or the complete new content,
 * never a half-written file: the content goes to a temporary file in the target's directory,
 * is forced to disk, and then replaces the target with one atomic rename. If anything fails,
 * the temporary file is deleted and the previous target is left untouched.
 */
public final class AtomicFiles {
    private static final int BUFFER_BYTES = 1 << 20;

    private AtomicFiles() {
    }

    /**
     * Atomically writes {@code target} with what {@code writer} puts into a stream. Missing
     * parent directories are created. The writer must not close the stream (closing it is
     * harmless but only flushes).
     *
     * @param target the file to create or replace
     * @param writer fills the (buffered) stream
     * @throws IOException if the writer or the file system fails; the target is then unchanged
     */
    public static void write(Path target, IOConsumer<OutputStream> writer) throws IOException {
        writeChannel(target, channel -> {
            OutputStream out = new BufferedOutputStream(
                    new NonClosingStream(Channels.newOutputStream(channel)), BUFFER_BYTES);
            writer.accept(out);
            out.flush();
        });
    }

    /**
     * Atomically writes {@code target} with what {@code writer} puts into a file channel,
     * for callers that hold their data in {@link java.nio.ByteBuffer}s. Missing parent
     * directories are created. The writer must not close the channel.
     *
     * @param target the file to create or replace
     * @param writer writes the content, starting at position 0
     * @throws IOException if the writer or the file system fails; the target is then unchanged
     */
    public static void writeChannel(Path target, IOConsumer<FileChannel> writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = uniqueTempName(dir, absolute.getFileName().toString());
        // CREATE_NEW with default attributes: the umask decides the permissions, as it would
        // for a plainly written file; if creation fails there is nothing to clean up
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        try {
            try (FileChannel open = channel) {
                writer.accept(open);
                open.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        syncDirectory(dir);
    }

    /** A hidden name beside the target that no file has yet (racing writers may still clash). */
    private static Path uniqueTempName(Path dir, String name) {
        Path temp;
        do {
            temp = dir.resolve("." + name + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        } while (Files.exists(temp, LinkOption.NOFOLLOW_LINKS));
        return temp;
    }

    /** Makes the rename durable where the platform allows forcing a directory (Linux does). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: some platforms cannot open or force directories
        }
    }

    /** Lets a writer close "its" stream without closing the channel underneath. */
    private static final class NonClosingStream extends FilterOutputStream {
        NonClosingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
