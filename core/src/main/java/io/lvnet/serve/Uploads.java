package io.lvnet.serve;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The directory that holds uploads while they are inspected and scanned. Files in it get
 * random names chosen here ({@code upload-<random>.<ext>}); each is deleted as soon as its
 * response is sent. A directory the service created itself (private to the user, under the
 * system's temporary directory) is removed when the service stops.
 */
final class Uploads implements AutoCloseable {
    private final Path dir;
    private final boolean owned;

    private Uploads(Path dir, boolean owned) {
        this.dir = dir;
        this.owned = owned;
    }

    /** The given directory (created if missing), or a new private one when {@code configured} is null. */
    static Uploads open(Path configured) throws IOException {
        if (configured == null) {
            return new Uploads(Files.createTempDirectory("lvnet-serve-"), true);
        }
        return new Uploads(Files.createDirectories(configured), false);
    }

    /** The directory. */
    Path dir() {
        return dir;
    }

    /** Gives a received file the extension of its sniffed format (the scanner goes by extension). */
    Path withExtension(Path upload, String extension) throws IOException {
        String name = upload.getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf('.'));
        return Files.move(upload, upload.resolveSibling(stem + "." + extension), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Deletes an upload. A scan that is still reading it (one that timed out) keeps reading: on
     * POSIX systems the data goes when its last reader closes it.
     */
    static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("lvnet serve: cannot delete upload " + file + ": " + e.getMessage());
        }
    }

    /** Upload files present now. */
    long count() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "upload-*")) {
            long n = 0;
            for (Path ignored : files) {
                n++;
            }
            return n;
        }
    }

    /** Replaces the upload's server-side path in a message by the client's name for it. */
    static String scrub(String message, Path file, String name) {
        if (message == null) {
            return "unreadable " + name;
        }
        String out = message.replace(file.toAbsolutePath().toString(), name).replace(file.toString(), name);
        return out.lines().findFirst().orElse(out);
    }

    /** Deletes what is left of uploads, and the directory if the service created it. */
    @Override
    public void close() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "upload-*")) {
            for (Path f : files) {
                delete(f);
            }
        }
        if (owned) {
            Files.deleteIfExists(dir);
        }
    }
}
