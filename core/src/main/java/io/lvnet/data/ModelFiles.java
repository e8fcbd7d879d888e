package io.lvnet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks model files before OpenCV sees them and turns OpenCV's load failures into
 * one-line {@link IOException}s: OpenCV either reports a missing file in a multi-line
 * message naming its own source file, or, for some loaders, silently returns an empty
 * object.
 */
final class ModelFiles {
    private ModelFiles() {
    }

    /**
     * Checks that a model file exists, is a readable regular file and is not empty.
     *
     * @param file the file
     * @param what what the file is, for the message ("face detector model")
     * @return the absolute path as a string, for OpenCV
     */
    static String checked(Path file, String what) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "cannot load " + what + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("cannot load " + what + " " + file + ": not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new IOException("cannot load " + what + " " + file + ": permission denied");
        }
        if (Files.size(file) == 0) {
            throw new IOException("cannot load " + what + " " + file + ": empty file");
        }
        return file.toAbsolutePath().toString();
    }

    /** The failure of loading a model file, with OpenCV's reason in one line. */
    static IOException loadFailure(Path file, String what, RuntimeException openCvError) {
        return new IOException("cannot load " + what + " " + file + ": "
                + openCvReason(openCvError.getMessage()), openCvError);
    }

    /**
     * The reason in an OpenCV error message, which reads
     * {@code OpenCV(4.x) /build/path/file.cpp:123: error: (-2:Unspecified error) REASON in
     * function 'f'}: the build path and function name mean nothing to a user.
     */
    static String openCvReason(String message) {
        if (message == null || message.isBlank()) {
            return "not a valid model file";
        }
        String line = message.strip().lines().findFirst().orElse("");
        int error = line.indexOf("error: (");
        if (error >= 0) {
            int close = line.indexOf(") ", error);
            if (close >= 0) {
                line = line.substring(close + 2);
            }
        }
        int function = line.lastIndexOf(" in function ");
        if (function > 0) {
            line = line.substring(0, function);
        }
        return line.isBlank() ? "not a valid model file" : line.strip();
    }
}
