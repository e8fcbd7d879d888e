package io.lvnet.serve;

import io.lvnet.data.DecodeLimits;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a client may choose for one detection, from the query string of {@code POST /v1/detect}:
 * {@code threshold}, {@code frames}, {@code largest}, {@code face} and {@code overlays} mean
 * what {@code lvnet detect}'s options of the same names mean. Unknown parameters are refused,
 * so that a misspelt option does not pass silently.
 *
 * @param threshold probability from which a face is called fake
 * @param frames evenly spaced frames scanned per video
 * @param largest keep only the largest face of each picture
 * @param wholeImage take the image as one aligned face crop ({@code face=none})
 * @param overlays add heatmap overlays (and a video's timeline) as base64 PNGs
 * @param decodeLimits what a video may make the scan decode: not the client's choice, but the
 *     service's limits ({@link ServeLimits#decodeLimits()}), handed to the detector with the request
 */
public record DetectOptions(float threshold, int frames, boolean largest, boolean wholeImage, boolean overlays,
        DecodeLimits decodeLimits, io.lvnet.calibrate.OperatingPoint operatingPoint) {

    /** Options without an operating point of their own (the server's applies). */
    public DetectOptions(float threshold, int frames, boolean largest, boolean wholeImage, boolean overlays,
            DecodeLimits decodeLimits) {
        this(threshold, frames, largest, wholeImage, overlays, decodeLimits, null);
    }
    /** Frames per video when the request does not say (as {@code lvnet detect}). */
    public static final int DEFAULT_FRAMES = 32;
    private static final Set<String> NAMES = Set.of("threshold", "frames", "largest", "face", "overlays", "operating_point");

    /**
     * Parses a raw (still URL-encoded) query string, or null for none.
     *
     * @throws ApiException 400 for unknown parameters and bad values
     */
    public static DetectOptions parse(String rawQuery, ServeLimits limits) {
        Map<String, String> q = query(rawQuery);
        for (String name : q.keySet()) {
            if (!NAMES.contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + name + "' (known: threshold, frames, largest, face, overlays, operating_point)");
            }
        }
        float threshold = 0.5f;
        if (q.containsKey("threshold")) {
            try {
                threshold = Float.parseFloat(q.get("threshold"));
            } catch (NumberFormatException e) {
                threshold = Float.NaN;
            }
            if (!(threshold >= 0 && threshold <= 1)) {
                throw ApiException.badRequest("threshold must be a number in [0, 1], got '" + q.get("threshold") + "'");
            }
        }
        int frames = Math.min(DEFAULT_FRAMES, limits.maxFrames());
        if (q.containsKey("frames")) {
            try {
                frames = Integer.parseInt(q.get("frames"));
            } catch (NumberFormatException e) {
                frames = -1;
            }
            if (frames < 1 || frames > limits.maxFrames()) {
                throw ApiException.badRequest("frames must be an integer in 1.." + limits.maxFrames() + ", got '" + q.get("frames") + "'");
            }
        }
        String face = q.getOrDefault("face", "detect");
        if (!face.equals("detect") && !face.equals("none")) {
            throw ApiException.badRequest("face must be 'detect' or 'none', got '" + face + "'");
        }
        io.lvnet.calibrate.OperatingPoint point = null;
        if (q.containsKey("operating_point")) {
            try {
                point = io.lvnet.calibrate.OperatingPoint.of(q.get("operating_point"));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("operating_point: " + e.getMessage());
            }
        }
        return new DetectOptions(threshold, frames, flag(q, "largest"), face.equals("none"), flag(q, "overlays"),
                limits.decodeLimits(), point);
    }

    /** A flag is on when present without a value or given as true/1/yes/on. */
    private static boolean flag(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "", "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false, got '" + v + "'");
        };
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("malformed query string");
            }
            if (out.put(name, value) != null) {
                throw ApiException.badRequest("query parameter '" + name + "' given twice");
            }
        }
        return out;
    }

    /** The options as answers record them, under the request parameters' names. */
    public java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("threshold", threshold);
        m.put("frames", frames);
        m.put("largest", largest);
        m.put("face", wholeImage ? "none" : "detect");
        m.put("overlays", overlays);
        if (operatingPoint != null) {
            m.put("operating_point", operatingPoint.label());
        }
        return m;
    }
}
