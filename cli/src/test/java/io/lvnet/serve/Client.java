package io.lvnet.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A test client of the service over a real loopback socket. */
final class Client {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    /** An answer: status, one header and the body. */
    record Reply(int status, HttpResponse<String> response) {
        String body() {
            return response.body();
        }

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + response.body(), e);
            }
        }

        /** The message of a JSON error body (fails when the body is not {"error": "..."}). */
        String error() {
            JsonNode n = json();
            if (!n.isObject() || n.size() != 1 || !n.path("error").isTextual()) {
                throw new AssertionError("expected {\"error\": \"...\"}, got " + body());
            }
            return n.get("error").asText();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    Client(URI base) {
        this.base = base;
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    /**
     * Uploads {@code content} as a multipart file field with a Content-Length.
     *
     * @param headers more request headers, name and value in turn (e.g. "Origin", "http://a.example")
     */
    Reply detect(String query, String filename, byte[] content, String... headers) throws IOException, InterruptedException {
        MultipartBody body = MultipartBody.file(filename, "application/octet-stream", content);
        HttpRequest.Builder b = request(query).header("Content-Type", body.contentType());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build());
    }

    /** Uploads {@code content} as a multipart file field, chunked (no Content-Length). */
    Reply detectChunked(String query, String filename, byte[] content) throws IOException, InterruptedException {
        MultipartBody body = MultipartBody.file(filename, "application/octet-stream", content);
        return send(request(query).header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.bytes()))).build());
    }

    /** Posts a raw body with the given content type. */
    Reply post(String query, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(request(query).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpRequest.Builder request(String query) {
        return HttpRequest.newBuilder(base.resolve("/v1/detect" + (query == null || query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(120));
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), r);
    }
}
