package io.lvnet.weights;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Files that look like weights and are not, for error-path tests. */
public final class BadCheckpoints {
    private BadCheckpoints() {
    }

    /** The first half of a real checkpoint. */
    public static Path truncated(Path dir, Path good) throws IOException {
        byte[] all = Files.readAllBytes(good);
        return Files.write(dir.resolve("truncated.pth.tar"), Arrays.copyOf(all, all.length / 2));
    }

    /** Random bytes. */
    public static Path randomBytes(Path dir) throws IOException {
        byte[] b = new byte[4096];
        new Random(1).nextBytes(b);
        return Files.write(dir.resolve("random.pth"), b);
    }

    /** A valid zip that holds no checkpoint. */
    public static Path zipWithoutCheckpoint(Path dir) throws IOException {
        Path p = dir.resolve("notes.pth");
        try (OutputStream os = Files.newOutputStream(p); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("notes/readme.txt"));
            zip.write("not a checkpoint".getBytes());
            zip.closeEntry();
        }
        return p;
    }

    /** A zip checkpoint whose pickle calls {@code os.system}. */
    public static Path disallowedGlobal(Path dir) throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).global("os", "system").mark().str("echo pwned").tuple()
                .reduce().stop().bytes();
        return PickleBuilder.writeZip(dir.resolve("evil.pth"), pickle);
    }
}
