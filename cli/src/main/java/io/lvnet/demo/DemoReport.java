package io.lvnet.demo;

import io.lvnet.detect.FileResult;
import io.lvnet.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's one self-contained HTML page: metrics, ROC curve, training curves, heatmap
 * overlays of scanned faces and a video's timeline, every picture embedded, so the page can be
 * mailed or opened anywhere.
 */
final class DemoReport {
    /** A scanned face to show: its picture and what lvnet said. */
    record Shown(String title, Path overlay, String truth, float fakeProbability) {
    }

    private final StringBuilder html = new StringBuilder();

    DemoReport(String title) {
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(escape(title)).append("</title>")
                .append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}")
                .append("th{background:#f3f3f3}.faces{display:flex;flex-wrap:wrap;gap:14px}.face{text-align:center;font-size:13px}")
                .append(".fake{color:#c0392b;font-weight:bold}.real{color:#27ae60;font-weight:bold}img{max-width:100%}</style>")
                .append("</head><body><h1>").append(escape(title)).append("</h1>");
    }

    DemoReport paragraph(String text) {
        html.append("<p>").append(escape(text)).append("</p>");
        return this;
    }

    DemoReport heading(String text) {
        html.append("<h2>").append(escape(text)).append("</h2>");
        return this;
    }

    /** A two-column table of measures; numbers are shown with 4 decimals. */
    DemoReport measures(Map<String, Object> values) {
        html.append("<table><tr><th>measure</th><th>value</th></tr>");
        values.forEach((k, v) -> {
            if (!(v instanceof Map)) {
                html.append("<tr><td style=\"text-align:left\">").append(escape(k.replace('_', ' '))).append("</td><td>")
                        .append(format(v)).append("</td></tr>");
            }
        });
        html.append("</table>");
        return this;
    }

    /** A table of groups (e.g. per method) with their faces, AUC and accuracy. */
    @SuppressWarnings("unchecked")
    DemoReport groups(String title, Object groups) {
        html.append("<table><tr><th style=\"text-align:left\">").append(escape(title)).append("</th><th>faces</th><th>AUC</th><th>accuracy</th></tr>");
        ((Map<String, Map<String, Object>>) groups).forEach((g, m) -> html.append("<tr><td style=\"text-align:left\">")
                .append(escape(g)).append("</td><td>").append(m.get("faces")).append("</td><td>").append(format(m.get("auc")))
                .append("</td><td>").append(format(m.get("acc"))).append("</td></tr>"));
        html.append("</table>");
        return this;
    }

    /** An embedded PNG. */
    DemoReport picture(Path png, String alt) throws IOException {
        if (Files.exists(png)) {
            html.append("<p><img alt=\"").append(escape(alt)).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png))).append("\"></p>");
        }
        return this;
    }

    /** Scanned faces side by side, with the truth and the verdict under each. */
    DemoReport faces(List<Shown> shown, float threshold) throws IOException {
        html.append("<div class=\"faces\">");
        for (Shown s : shown) {
            boolean fake = s.fakeProbability() >= threshold;
            html.append("<div class=\"face\"><img width=\"200\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(Files.readAllBytes(s.overlay()))).append("\"><br>")
                    .append(escape(s.title())).append(" (truth: ").append(escape(s.truth())).append(")<br><span class=\"")
                    .append(fake ? "fake" : "real").append("\">").append(fake ? "FAKE" : "real")
                    .append(String.format(Locale.ROOT, " %.3f", s.fakeProbability())).append("</span></div>");
        }
        html.append("</div>");
        return this;
    }

    /** A scanned video's verdict line. */
    DemoReport video(FileResult video, String truth) {
        html.append("<p>").append(escape(Path.of(video.path()).getFileName().toString())).append(" (truth: ").append(escape(truth))
                .append("): mean fake probability ").append(format(video.fakeProbability() == null ? null : (double) video.fakeProbability()))
                .append(" over ").append(video.frames().size()).append(" sampled frames</p>");
        return this;
    }

    void write(Path file) throws IOException {
        String page = html + "</body></html>\n";
        AtomicFiles.write(file, out -> out.write(page.getBytes(StandardCharsets.UTF_8)));
    }

    private static String format(Object v) {
        return v == null ? "n/a" : v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : escape(v.toString());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
