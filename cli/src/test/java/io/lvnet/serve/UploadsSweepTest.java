package io.lvnet.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service that starts removes what killed services left: their upload files in the configured
 * directory, their private directories under the temporary directory; and nothing else.
 */
class UploadsSweepTest {
    /** The id of a process that has ended. */
    static long dead;

    @TempDir
    Path dir;

    @BeforeAll
    static void deadProcess() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        dead = p.pid();
        assertFalse(ProcessHandle.of(dead).isPresent());
    }

    @Test
    void theConfiguredDirectoryIsSweptOfUploadsOfEndedServicesAtStart() throws Exception {
        Path uploads = Files.createDirectories(dir.resolve("uploads"));
        List<Path> left = List.of(Files.write(uploads.resolve("upload-" + dead + "-123.part"), new byte[10]),
                Files.write(uploads.resolve("upload-" + dead + "-456.mp4"), new byte[10]),
                Files.write(uploads.resolve("upload-" + dead + "-456-timeline.png"), new byte[10]));
        long live = ProcessHandle.current().pid();
        Path outside = Files.write(dir.resolve("precious.mp4"), new byte[10]);
        List<Path> kept = List.of(Files.write(uploads.resolve("upload-" + live + "-789.part"), new byte[10]), // a running service's
                Files.write(uploads.resolve("notes.txt"), new byte[10]), // not a name the service gives
                Files.write(uploads.resolve("upload-1234567.part"), new byte[10]),
                Files.createSymbolicLink(uploads.resolve("upload-" + dead + "-999.mp4"), outside), // a link: not its file
                Files.createDirectories(uploads.resolve("upload-" + dead + "-5.d")));

        try (DetectServer server = DetectServer.start(new ServeConfig("127.0.0.1", 0, 1, 1, 2, 8, uploads), ServeLimits.defaults(),
                "test")) {
            for (Path p : left) {
                assertFalse(Files.exists(p), p + " was left");
            }
            for (Path p : kept) {
                assertTrue(Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS), p + " was removed");
            }
            assertTrue(Files.exists(outside));
            assertEquals(uploads, server.uploadDirectory());
        }
    }

    @Test
    void privateDirectoriesOfEndedServicesAreRemovedAtStart() throws Exception {
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        Path stale = Files.createDirectories(temp.resolve("lvnet-serve-" + dead + "-4242"));
        Files.write(stale.resolve("upload-" + dead + "-1.part"), new byte[10]);
        Files.write(stale.resolve("upload-" + dead + "-2.jpg"), new byte[10]);
        Path busy = Files.createDirectories(temp.resolve("lvnet-serve-" + dead + "-77")); // holds something else: stays
        Files.write(busy.resolve("upload-" + dead + "-3.jpg"), new byte[10]);
        Files.write(busy.resolve("keep.txt"), new byte[10]);
        Path running = Files.createDirectories(temp.resolve("lvnet-serve-" + ProcessHandle.current().pid() + "-5"));
        Files.write(running.resolve("upload-" + ProcessHandle.current().pid() + "-4.jpg"), new byte[10]);
        Path other = Files.createDirectories(temp.resolve("lvnet-serve-not-ours"));

        try (Uploads uploads = Uploads.open(null, temp)) {
            assertFalse(Files.exists(stale));
            assertEquals(List.of("keep.txt"), names(busy));
            assertEquals(1, names(running).size());
            assertTrue(Files.isDirectory(other));
            assertTrue(uploads.dir().getFileName().toString().startsWith("lvnet-serve-" + ProcessHandle.current().pid() + "-"));
        }
    }

    private static List<String> names(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
