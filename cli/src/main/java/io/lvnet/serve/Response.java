package io.lvnet.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: status, content type, body and extra headers. Errors are always JSON
 * {@code {"error": "..."}}.
 */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    static final String JSON_TYPE = "application/json; charset=utf-8";

    /** A JSON document. */
    static Response json(int status, Object document) {
        try {
            return new Response(status, JSON_TYPE, JSON.writeValueAsBytes(document), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Text in the given type. */
    static Response text(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The JSON error for an refused request, with Retry-After where it has one. */
    static Response error(ApiException e) {
        Response r = json(e.status(), Map.of("error", e.getMessage()));
        return e.retryAfterSeconds() == null ? r : r.withHeader("Retry-After", Integer.toString(e.retryAfterSeconds()));
    }

    /** This response with one more header. */
    Response withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, contentType, body, Map.copyOf(h));
    }
}
