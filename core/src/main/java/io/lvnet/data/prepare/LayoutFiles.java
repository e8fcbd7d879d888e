package io.lvnet.data.prepare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** File-system helpers the data set layouts share. */
final class LayoutFiles {
    private LayoutFiles() {
    }

    /** Fails with the usual one-line "no such file" when the root is not a folder. */
    static void requireDirectory(Path root) throws NoSuchFileException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString());
        }
    }

    /** The entries of a folder in name order (empty when it is not a folder). */
    static List<Path> sorted(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** The {@code .mp4} files directly in a folder, in name order (none when there is no folder). */
    static List<Path> videos(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : sorted(dir)) {
            if (Files.isRegularFile(p) && "mp4".equals(VideoSource.extension(p))) {
                out.add(p);
            }
        }
        return out;
    }

    /** A file's name without its extension. */
    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot <= 0 ? n : n.substring(0, dot);
    }

    /**
     * A file's name in the output when the data set nests its files in folders: its path below
     * {@code base} without extension, folders joined by {@code _} (one path segment).
     */
    static String flatName(Path base, Path file) {
        String rel = base.relativize(file).toString().replace('\\', '/');
        int dot = rel.lastIndexOf('.');
        return (dot > rel.lastIndexOf('/') ? rel.substring(0, dot) : rel).replace('/', '_');
    }
}
