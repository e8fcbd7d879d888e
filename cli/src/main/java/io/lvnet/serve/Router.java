package io.lvnet.serve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends each request to its route by exact path and method, turns refusals and failures into
 * JSON errors (404 unknown path, 405 wrong method, 500 a bug, logged), counts every answer in
 * the metrics, and adds the headers every response carries (and, for a page of an origin named
 * with {@code --allow-origin}, the one that lets it read the answer).
 */
final class Router implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    /** A request body is read to its end before an error answer, up to this much (see {@link MultipartReceiver#discard}). */
    private static final long DRAIN_BYTES = 8L << 20;
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** A route's work. */
    @FunctionalInterface
    interface Route {
        Response handle(HttpExchange exchange) throws IOException;
    }

    private record Endpoint(String method, Route route) {
    }

    private final Map<String, Endpoint> routes = new LinkedHashMap<>();
    private final Metrics metrics;
    private final OriginPolicy origins;

    /** @param origins says which other origins' pages may read answers */
    Router(Metrics metrics, OriginPolicy origins) {
        this.metrics = metrics;
        this.origins = origins;
    }

    /** Adds a route for one method and exact path. */
    Router add(String method, String path, Route route) {
        routes.put(path, new Endpoint(method, route));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) {
        long t0 = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Endpoint endpoint = routes.get(path);
        // metrics label only known paths: request text must not create series
        String label = endpoint == null ? "other" : path;
        Response response;
        try {
            if (endpoint == null) {
                throw new ApiException(404, "no such endpoint: " + shorten(path) + " (see GET /v1/info)");
            }
            if (!endpoint.method().equals(method)) {
                response = Response.error(new ApiException(405, method + " is not allowed on " + path + "; use "
                        + endpoint.method())).withHeader("Allow", endpoint.method());
            } else {
                response = endpoint.route().handle(exchange);
            }
        } catch (ApiException e) {
            response = Response.error(e);
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("{} {} failed: {}", method, path, e.toString());
            LOG.debug("{} {} failed", method, path, e);
            response = Response.error(new ApiException(500, "internal error: " + e.getClass().getSimpleName()));
        }
        try {
            String allow = origins.allowHeader(exchange.getRequestHeaders());
            send(exchange, allow == null ? response : response.withHeader("Access-Control-Allow-Origin", allow)
                    .withHeader("Vary", "Origin"));
        } finally {
            metrics.request(label, response.status(), (System.nanoTime() - t0) / 1e9);
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, Response response) {
        try {
            if (response.status() >= 400 && !"GET".equals(exchange.getRequestMethod())) {
                drain(exchange);
            }
            Headers h = exchange.getResponseHeaders();
            h.set("Content-Type", response.contentType());
            h.set("Cache-Control", "no-store");
            h.set("X-Content-Type-Options", "nosniff");
            response.headers().forEach(h::set);
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // the client went away: nobody is left to tell
        }
    }

    /**
     * Reads what is left of a refused request's body (within limits), so that a client still
     * sending it reads the answer rather than a reset connection. A body declared larger than
     * the limit is not read: the connection is closed after the answer.
     */
    private static void drain(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            if (length != null && Long.parseLong(length.trim()) > DRAIN_BYTES) {
                return;
            }
        } catch (NumberFormatException e) {
            return;
        }
        MultipartReceiver.discard(exchange.getRequestBody(), DRAIN_BYTES, System.nanoTime() + DRAIN_NANOS);
    }

    private static String shorten(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }
}
