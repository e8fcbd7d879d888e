package io.lvnet.serve;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory that holds uploads while they are inspected and scanned. Files in it get
 * random names chosen here, with the service's process id in them
 * ({@code upload-<pid>-<random>.<ext>}); each is deleted as soon as its response is sent. A
 * directory the service created itself ({@code lvnet-serve-<pid>-<random>}, private to the user,
 * under the system's temporary directory) is removed when the service stops.
 *
 * <p>A service that was killed leaves its files behind; the next one to start removes them: in
 * the configured directory, the upload files of processes that no longer run; under the system's
 * temporary directory, the private directories of such processes, with their upload files.
 * Nothing else is touched: not files of a service still running (several may share a directory),
 * not files the service does not name, not links.
 */
final class Uploads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);
    private static final String DIR_PREFIX = "lvnet-serve-";
    private static final Pattern UPLOAD = Pattern.compile("upload-(\\d{1,19})-[A-Za-z0-9.-]{1,80}");
    private static final Pattern PRIVATE_DIR = Pattern.compile(Pattern.quote(DIR_PREFIX) + "(\\d{1,19})-\\d{1,30}");
    private static final long PID = ProcessHandle.current().pid();

    private final Path dir;
    private final boolean owned;

    private Uploads(Path dir, boolean owned) {
        this.dir = dir;
        this.owned = owned;
    }

    /**
     * The given directory (created if missing), or a new private one when {@code configured} is
     * null; either way, what killed services left behind is removed first.
     */
    static Uploads open(Path configured) throws IOException {
        return open(configured, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** {@link #open(Path)} with private directories under {@code temp}. */
    static Uploads open(Path configured, Path temp) throws IOException {
        if (configured == null) {
            sweepPrivateDirs(temp);
            return new Uploads(Files.createTempDirectory(temp, DIR_PREFIX + PID + "-"), true);
        }
        Path dir = Files.createDirectories(configured);
        int removed = sweep(dir);
        if (removed > 0) {
            LOG.info("removed {} upload file(s) left in {} by services that no longer run", removed, dir);
        }
        return new Uploads(dir, false);
    }

    /** The prefix of an upload's file name. */
    static String prefix() {
        return "upload-" + PID + "-";
    }

    /** Deletes the upload files of processes that no longer run; returns how many. */
    private static int sweep(Path dir) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "upload-*")) {
            for (Path f : files) {
                Matcher m = UPLOAD.matcher(f.getFileName().toString());
                if (m.matches() && !running(m.group(1)) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    delete(f);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Empties and removes the private upload directories of processes that no longer run. */
    private static void sweepPrivateDirs(Path temp) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(temp, DIR_PREFIX + "*")) {
            for (Path d : dirs) {
                Matcher m = PRIVATE_DIR.matcher(d.getFileName().toString());
                if (!m.matches() || running(m.group(1)) || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try {
                    int removed = sweep(d);
                    Files.delete(d); // fails while anything else is in it (or it is another user's): then it stays
                    LOG.info("removed {} left by a service that no longer runs ({} upload file(s))", d, removed);
                } catch (IOException e) {
                    LOG.warn("cannot remove {} left by a service that no longer runs: {}", d, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot look for upload directories left in {}: {}", temp, e.toString());
        }
    }

    private static boolean running(String pid) {
        try {
            long p = Long.parseLong(pid);
            return p == PID || ProcessHandle.of(p).isPresent();
        } catch (NumberFormatException e) {
            return true; // not a name this service gave: leave it
        }
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
            LOG.warn("cannot delete upload {}: {}", file, e.getMessage());
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
