package io.lvnet.data.readers;

import io.lvnet.files.InputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The frame images of a video folder and the frame numbers in their names. */
final class FrameFiles {
    private FrameFiles() {
    }

    /** The image files directly in a folder, in name order. */
    static List<Path> images(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> InputFiles.IMAGE_EXTENSIONS.contains(extension(p)))
                    .sorted().toList();
        }
    }

    /** The sub-folders of a folder, in name order (none when it is not a folder). */
    static List<Path> folders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList());
        }
    }

    /**
     * The frame number a file name carries ({@code 0042.png}, {@code 042.png}, {@code 42.jpg}:
     * 42), or {@code position} when the name is not a number: frame extractors name files
     * after the frame's index in its video, which keeps "every k-th frame" sampling and
     * video-level scores meaningful.
     */
    static int number(String fileName, int position) {
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        if (!stem.isEmpty() && stem.length() <= 9 && stem.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(stem);
        }
        return position;
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
