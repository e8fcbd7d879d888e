package io.lvnet.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A log of one JSON object per line that a run appends to as it goes. A crash or a full disk
 * during an append leaves a torn last line (part of a record, or the zeros some file systems
 * show after a crash): that line is not part of the log and is reported, so that it can be cut
 * away before anything is appended. A line that does not parse anywhere else means the log is
 * corrupt, and nothing is guessed.
 *
 * @param <T> the record type, read with Jackson
 */
final class JsonLines<T> {
    // a line holding a record and then more (two appends glued together) is not a record
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int QUOTED = 60;
    private final Class<T> type;
    private final String what;
    private final Map<String, Double> absent;

    /**
     * @param type the record type
     * @param what what a record is, for messages ("an epoch record")
     * @param absent values for fields that logs written by earlier versions lack (a missing
     *     number would otherwise read as 0, which is a measurement; NaN says "not measured")
     */
    JsonLines(Class<T> type, String what, Map<String, Double> absent) {
        this.type = type;
        this.what = what;
        this.absent = absent;
    }

    /**
     * What a log holds.
     *
     * @param records the intact records, in order
     * @param tornLine the torn last line (as text, shortened), or null when there is none
     */
    record Content<T>(List<T> records, String tornLine) {
    }

    /**
     * Reads {@code file}: empty when it does not exist.
     *
     * @throws IOException when the file cannot be read, or a line other than the last is not a
     *     record (one line naming the file and the line)
     */
    Content<T> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Content<>(List.of(), null);
        }
        // decoded leniently: a torn line may end inside a character
        List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        int last = lines.size() - 1;
        while (last >= 0 && blank(lines.get(last))) {
            last--;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            String line = lines.get(i);
            if (blank(line)) {
                continue;
            }
            try {
                out.add(parse(line));
            } catch (JsonProcessingException e) {
                if (i == last) {
                    return new Content<>(out, quote(line));
                }
                String problem = e.getOriginalMessage().lines().findFirst().orElse("not JSON");
                throw new IOException(String.format("%s: line %d of %d is not %s (%s): the log is corrupt"
                        + " (only a torn last line, from an interrupted write, is dropped)", file, i + 1, last + 1,
                        what, problem));
            }
        }
        return new Content<>(out, null);
    }

    /** Blank, or the NUL bytes a crash may leave where a line was never written. */
    private static boolean blank(String line) {
        return line.replace("\0", "").isBlank();
    }

    private T parse(String line) throws JsonProcessingException {
        JsonNode node = JSON.readTree(line);
        if (!(node instanceof ObjectNode o)) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, "not a JSON object");
        }
        absent.forEach((k, v) -> {
            if (!o.has(k)) {
                o.put(k, v);
            }
        });
        return JSON.treeToValue(o, type);
    }

    private static String quote(String line) {
        String s = line.replaceAll("\\p{Cntrl}", "?");
        return s.length() <= QUOTED ? s : s.substring(0, QUOTED) + "...";
    }

    /** The log holding exactly {@code records}, one line each, ended by a newline. */
    static String format(List<?> records) throws JsonProcessingException {
        StringBuilder sb = new StringBuilder();
        for (Object r : records) {
            sb.append(JSON.writeValueAsString(r)).append('\n');
        }
        return sb.toString();
    }
}
