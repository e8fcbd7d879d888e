package io.lvnet.files;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Expands the paths a user gives into the files to scan: directories recursively, in name order. */
public final class InputFiles {
    /** Image extensions OpenCV reads (videos: {@link MediaType#VIDEO_EXTENSIONS}). */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff");

    private InputFiles() {
    }

    /**
     * Files named directly are kept whatever their name (an unreadable one is reported when
     * scanned); directories contribute the images and videos below them.
     */
    public static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(InputFiles::isMedia).sorted().forEach(out::add);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** Whether the file name has an image or video extension. */
    public static boolean isMedia(Path p) {
        String ext = MediaType.extension(p);
        return IMAGE_EXTENSIONS.contains(ext) || MediaType.VIDEO_EXTENSIONS.contains(ext);
    }
}
