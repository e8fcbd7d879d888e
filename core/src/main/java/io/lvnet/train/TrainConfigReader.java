package io.lvnet.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Parses a {@link TrainConfig} from YAML: unknown keys and values of the wrong type are refused
 * naming the key, and {@code key=value} overrides with dotted keys are applied first.
 */
final class TrainConfigReader {
    private TrainConfigReader() {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** See {@link TrainConfig#read}. */
    static TrainConfig read(Path file, List<String> overrides) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        JsonNode tree = YAML.readTree(file.toFile());
        if (!(tree instanceof ObjectNode root)) {
            throw new IllegalArgumentException(file + ": not a YAML mapping");
        }
        for (String o : overrides) {
            override(root, o);
        }
        TrainConfig c;
        try {
            c = YAML.treeToValue(root, TrainConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(file + ": unknown key '" + path(e) + "'");
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new IllegalArgumentException(file + ": " + path(e) + ": wrong type of value ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": " + e.getOriginalMessage());
        }
        TrainConfigCheck.check(c, file);
        return c;
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            }
        }
        return sb.toString();
    }

    private static void override(ObjectNode root, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("override must be key=value, got '" + assignment + "'");
        }
        String[] keys = assignment.substring(0, eq).split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = node.get(keys[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(keys[i]);
        }
        try {
            node.set(keys[keys.length - 1], YAML.readTree(assignment.substring(eq + 1)));
        } catch (IOException e) {
            throw new IllegalArgumentException("bad value in override '" + assignment + "'");
        }
    }
}
