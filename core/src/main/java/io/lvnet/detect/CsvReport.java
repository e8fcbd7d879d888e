package io.lvnet.detect;

import io.lvnet.files.Csv;

import io.lvnet.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One row per face (or per file without faces): the scan as a spreadsheet, with each face's
 * probabilities and verdict, and the SHA-256 of the file it is in.
 */
public final class CsvReport {
    static final String HEADER = "path,type,frame,time_s,face,x,y,width,height,fake_probability,raw_probability,verdict,error,sha256,person";

    private CsvReport() {
    }

    /** The rows, header first. */
    public static String render(List<FileResult> files) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (FileResult f : files) {
            if (f.failed()) {
                sb.append(row(f, "", "", -1, null, f.error()));
            } else if (f.frames() != null) {
                for (FrameResult fr : f.frames()) {
                    for (int i = 0; i < fr.faces().size(); i++) {
                        sb.append(row(f, Integer.toString(fr.index()), String.format(Locale.ROOT, "%.3f", fr.timeSeconds()),
                                i, fr.faces().get(i), ""));
                    }
                }
            } else if (f.faces().isEmpty()) {
                sb.append(row(f, "", "", -1, null, "no face found"));
            } else {
                for (int i = 0; i < f.faces().size(); i++) {
                    sb.append(row(f, "", "", i, f.faces().get(i), ""));
                }
            }
        }
        return sb.toString();
    }

    /** Writes the rows atomically. */
    public static void write(Path csv, List<FileResult> files) throws IOException {
        String text = render(files);
        AtomicFiles.write(csv, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String row(FileResult f, String frame, String time, int face, FaceResult r, String error) {
        String p = r == null ? "" : String.format(Locale.ROOT, "%.6f", r.fakeProbability());
        String raw = r == null ? "" : String.format(Locale.ROOT, "%.6f", r.rawProbability());
        String verdict = r == null || r.verdict() == null ? "" : r.verdict().label();
        List<String> fields = new java.util.ArrayList<>(List.of(f.path(), f.type(), frame, time,
                face < 0 ? "" : Integer.toString(face)));
        for (int k = 0; k < 4; k++) {
            fields.add(r == null ? "" : Integer.toString(r.box()[k]));
        }
        fields.addAll(java.util.Arrays.asList(p, raw, verdict, error, f.sha256() == null ? "" : f.sha256(),
                r == null || r.person() == null ? "" : Integer.toString(r.person())));
        return Csv.line(fields) + "\n";
    }
}
