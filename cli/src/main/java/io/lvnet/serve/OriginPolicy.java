package io.lvnet.serve;

import com.sun.net.httpserver.Headers;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which web pages may post detections. A browser sends a form upload to any address a page
 * names, without asking first (it is a "simple" request), so without this check every page a
 * user visits could make a loopback service scan files. Browsers say where a request comes from
 * ({@code Origin}, {@code Sec-Fetch-Site}); programs such as curl say nothing and stay allowed.
 *
 * <ul>
 *   <li>no {@code Origin}: allowed, unless {@code Sec-Fetch-Site} says the request is not from the
 *       service's own page;</li>
 *   <li>the service's own origin ({@code http://} and the request's {@code Host}): allowed; when the
 *       service listens on loopback, only under a loopback name ({@code localhost}, {@code 127.0.0.1},
 *       {@code [::1]}), since a page whose domain was made to resolve to 127.0.0.1 (DNS
 *       rebinding) is "same-origin" under its own name;</li>
 *   <li>an origin named with {@code --allow-origin}: allowed, and its page may read the answer
 *       ({@code Access-Control-Allow-Origin});</li>
 *   <li>anything else, {@code Origin: null} included: 403.</li>
 * </ul>
 */
final class OriginPolicy {
    private static final Set<String> SAME_ORIGIN_SITES = Set.of("same-origin", "none");

    private final Set<String> allowed;
    private final boolean loopbackOnly;

    /**
     * @param allowed origins allowed besides the service's own, normalised ({@link #normalise})
     * @param listening the address the service listens on
     */
    OriginPolicy(List<String> allowed, InetAddress listening) {
        this.allowed = Set.copyOf(allowed);
        this.loopbackOnly = listening.isLoopbackAddress();
    }

    /**
     * Refuses a request from a page it does not allow.
     *
     * @throws ApiException 403
     */
    void check(Headers request) {
        String origin = request.getFirst("Origin");
        if (origin == null) {
            String site = request.getFirst("Sec-Fetch-Site");
            if (site != null && !SAME_ORIGIN_SITES.contains(site.toLowerCase(Locale.ROOT))) {
                throw forbidden("a " + clean(site) + " request from a web page");
            }
            return;
        }
        String o = normaliseOrNull(origin);
        if (o != null && allowed.contains(o)) {
            return;
        }
        String host = request.getFirst("Host");
        if (o == null || host == null || !o.equals(normaliseOrNull("http://" + host))) {
            throw forbidden("a request from the web page " + clean(origin));
        }
        if (loopbackOnly && !loopbackName(URI.create(o).getHost())) {
            throw forbidden("a request from the web page " + clean(origin) + " to a loopback service under another name");
        }
    }

    /** The header that lets an allowed page of another origin read the answer, or null. */
    String allowHeader(Headers request) {
        String o = normaliseOrNull(request.getFirst("Origin"));
        return o != null && allowed.contains(o) ? o : null;
    }

    /**
     * An origin as browsers send it: lower-case scheme and host, the port only where it is not the
     * scheme's default, nothing else.
     *
     * @throws IllegalArgumentException for anything that is not {@code http(s)://host[:port]}
     */
    static String normalise(String origin) {
        String o = normaliseOrNull(origin);
        if (o == null) {
            throw new IllegalArgumentException("not a web origin (scheme://host[:port]): '" + clean(origin) + "'");
        }
        return o;
    }

    private static String normaliseOrNull(String origin) {
        if (origin == null) {
            return null;
        }
        try {
            URI u = new URI(origin.strip());
            String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
            if (!("http".equals(scheme) || "https".equals(scheme)) || u.getHost() == null || u.getRawUserInfo() != null
                    || !(u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))
                    || u.getRawQuery() != null || u.getRawFragment() != null) {
                return null;
            }
            int port = u.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean loopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("[::1]") || h.matches("127(\\.\\d{1,3}){3}");
    }

    private static ApiException forbidden(String what) {
        return new ApiException(403, what + " is refused: this service only takes detections from its own page, from "
                + "programs (no Origin header), and from origins named with --allow-origin");
    }

    /** At most 100 printable characters of request text, for messages. */
    private static String clean(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().filter(c -> c >= 0x20 && c < 0x7F).limit(100).forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
