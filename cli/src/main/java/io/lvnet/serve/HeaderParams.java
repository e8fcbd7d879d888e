package io.lvnet.serve;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of a header value such as {@code form-data; name="file"; filename="a.png"} or
 * {@code multipart/form-data; boundary=xyz}: names lower-cased, values unquoted (RFC 7230
 * quoted strings with backslash escapes).
 */
final class HeaderParams {
    private final Map<String, String> params;

    private HeaderParams(Map<String, String> params) {
        this.params = params;
    }

    /** Parses the parameters after the first {@code ;} of a header value. */
    static HeaderParams parse(String value) {
        Map<String, String> out = new HashMap<>();
        int i = value.indexOf(';');
        int n = value.length();
        while (i >= 0 && i < n) {
            i++; // past ';'
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            int nameStart = i;
            while (i < n && value.charAt(i) != '=' && value.charAt(i) != ';') {
                i++;
            }
            String name = value.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
            String v = "";
            if (i < n && value.charAt(i) == '=') {
                i++;
                StringBuilder sb = new StringBuilder();
                if (i < n && value.charAt(i) == '"') {
                    i++;
                    while (i < n && value.charAt(i) != '"') {
                        char c = value.charAt(i++);
                        if (c == '\\' && i < n) {
                            c = value.charAt(i++);
                        }
                        sb.append(c);
                    }
                    i++; // closing quote
                    while (i < n && value.charAt(i) != ';') {
                        i++;
                    }
                } else {
                    while (i < n && value.charAt(i) != ';') {
                        sb.append(value.charAt(i++));
                    }
                }
                v = sb.toString().trim();
            }
            if (!name.isEmpty()) {
                out.putIfAbsent(name, v);
            }
            i = i < n ? i : -1;
        }
        return new HeaderParams(out);
    }

    /** A parameter's value, or null. */
    String get(String name) {
        return params.get(name);
    }

    /** The {@code filename*} (RFC 5987, UTF-8) or {@code filename} parameter, or null. */
    String fileName() {
        String extended = params.get("filename*");
        if (extended != null) {
            int quote = extended.indexOf("''");
            if (quote >= 0) {
                try {
                    return URLDecoder.decode(extended.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    // fall back to the plain parameter
                }
            }
        }
        return params.get("filename");
    }
}
