package io.lvnet.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Reads the JSON files of data sets, with one-line messages that say where a file is broken. */
public final class JsonFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFiles() {
    }

    /**
     * Parses a JSON file.
     *
     * @throws IOException "FILE: not valid JSON (line L, column C: what)" for a syntax error,
     *     or the file system's error when it cannot be read
     */
    public static JsonNode read(Path file) throws IOException {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || root.isMissingNode()) {
                throw new IOException(file + ": not valid JSON (empty file)");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON (" + where(e) + ")");
        }
    }

    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String what = e.getOriginalMessage() == null ? "syntax error"
                : e.getOriginalMessage().lines().findFirst().orElse("syntax error");
        return at == null ? what : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + what;
    }
}
