package io.lvnet.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Receives a {@code multipart/form-data} body and streams its one file part into a new file in
 * the service's temporary directory. The file's name is random: nothing in the request names a
 * path. Limits apply while bytes arrive, so an oversized or endless body costs at most the
 * limit: the file part may not exceed {@code maxFileBytes} (413), the whole body that plus a
 * small allowance for other fields and headers (413), part headers 16 KiB and other fields 64
 * KiB each (400); a body still arriving at the deadline is refused (408), as is one whose
 * connection the server closed for taking too long; one that breaks off is a 400. On any
 * failure the partial file is deleted.
 */
final class MultipartReceiver {
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    private static final int MAX_PARTS = 32;
    /** Room for part headers and small fields beside the file. */
    static final long BODY_ALLOWANCE = 1 << 20;

    /**
     * A received file.
     *
     * @param file where it is (a random name in the temporary directory)
     * @param filename the client's name for it, cleaned, for display only
     * @param size its length in bytes
     */
    record Upload(Path file, String filename, long size) {
    }

    private final InputStream in;
    private final byte[] delimiter;
    private final long maxFileBytes;
    private final long maxBodyBytes;
    private final long deadlineNanos;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private boolean eof;
    private long bodyBytes;

    private MultipartReceiver(InputStream in, String boundary, long maxFileBytes, long deadlineNanos) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.maxFileBytes = maxFileBytes;
        this.maxBodyBytes = maxFileBytes + BODY_ALLOWANCE;
        this.deadlineNanos = deadlineNanos;
        // the first delimiter may open the body without a line break before it: supply one
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    /**
     * The boundary of a {@code multipart/form-data} content type.
     *
     * @throws ApiException 400 when the request is not multipart or names no usable boundary
     */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.badRequest("send the file as multipart/form-data (e.g. curl -F file=@photo.jpg), got "
                    + (contentType == null ? "no Content-Type" : "'" + clean(contentType, 80) + "'"));
        }
        String b = HeaderParams.parse(contentType).get("boundary");
        if (b == null || b.isEmpty() || b.length() > 70 || !b.chars().allMatch(c -> c > 32 && c < 127 || c == ' ')) {
            throw ApiException.badRequest("multipart/form-data without a valid boundary");
        }
        return b;
    }

    /**
     * Streams the body's file part into a new file in {@code dir}.
     *
     * @throws ApiException 400 malformed body or no file, 408 too slow, 413 too large
     * @throws IOException if reading the body or writing the file fails
     */
    static Upload receive(InputStream body, String boundary, Path dir, long maxFileBytes, long deadlineNanos)
            throws IOException {
        return new MultipartReceiver(body, boundary, maxFileBytes, deadlineNanos).receive(dir);
    }

    private Upload receive(Path dir) throws IOException {
        Path file = null;
        String filename = null;
        long size = 0;
        try {
            copyUntilDelimiter(null, Long.MAX_VALUE, false); // the preamble
            for (int parts = 0; ; parts++) {
                if (!nextPart()) {
                    break;
                }
                if (parts == MAX_PARTS) {
                    throw ApiException.badRequest("too many parts in the multipart body (at most " + MAX_PARTS + ")");
                }
                HeaderParams disposition = partDisposition();
                String name = disposition.fileName();
                if (name == null || name.isEmpty()) {
                    copyUntilDelimiter(null, MAX_FIELD_BYTES, false); // a plain field: not used
                    continue;
                }
                if (file != null) {
                    throw ApiException.badRequest("send one file per request");
                }
                file = Files.createTempFile(dir, Uploads.prefix(), ".part");
                filename = displayName(name);
                try (OutputStream out = Files.newOutputStream(file)) {
                    size = copyUntilDelimiter(out, maxFileBytes, true);
                }
            }
            if (file == null) {
                throw ApiException.badRequest("no file in the upload: send it as a multipart field with a filename");
            }
            if (size == 0) {
                throw ApiException.badRequest("the uploaded file is empty");
            }
            return new Upload(file, filename, size);
        } catch (IOException | RuntimeException e) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
    }

    /** After a delimiter: whether a part follows (else this was the closing delimiter). */
    private boolean nextPart() throws IOException {
        ensure(2);
        if (lim - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            return false; // the epilogue after the closing delimiter is ignored
        }
        // transport padding, then the line break that ends the delimiter line
        while (true) {
            ensure(1);
            if (lim == pos) {
                throw ApiException.badRequest("multipart body ends after a delimiter");
            }
            if (buf[pos] == ' ' || buf[pos] == '\t') {
                pos++;
                continue;
            }
            break;
        }
        ensure(2);
        if (lim - pos < 2 || buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw ApiException.badRequest("malformed multipart delimiter line");
        }
        pos += 2;
        return true;
    }

    /** Reads a part's headers and returns its Content-Disposition parameters. */
    private HeaderParams partDisposition() throws IOException {
        int budget = MAX_HEADER_BYTES;
        HeaderParams disposition = HeaderParams.parse("");
        while (true) {
            int end = find(new byte[] {'\r', '\n'}, budget); // may move the buffer's contents: pos is current after it
            String line = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
            budget -= end - pos + 2;
            pos = end + 2;
            if (line.isEmpty()) {
                return disposition;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-disposition")) {
                disposition = HeaderParams.parse(line.substring(colon + 1));
            }
        }
    }

    /** The index of {@code needle} at or after {@code pos}, reading more as needed, within {@code budget} bytes. */
    private int find(byte[] needle, int budget) throws IOException {
        while (true) {
            int i = indexOf(needle, pos, lim);
            if (i >= 0 && i - pos <= budget) {
                return i;
            }
            if (lim - pos > budget) {
                throw ApiException.badRequest("multipart part headers too long (at most " + MAX_HEADER_BYTES + " bytes)");
            }
            if (eof) {
                throw ApiException.badRequest("multipart body ends inside part headers");
            }
            fill();
        }
    }

    /**
     * Copies bytes up to the next delimiter into {@code out} (or drops them when it is null) and
     * moves past the delimiter. Returns how many bytes there were.
     */
    private long copyUntilDelimiter(OutputStream out, long cap, boolean isFile) throws IOException {
        long n = 0;
        while (true) {
            int i = indexOf(delimiter, pos, lim);
            int end = i >= 0 ? i : Math.max(pos, lim - (delimiter.length - 1)); // keep a possible partial delimiter
            n += end - pos;
            if (n > cap) {
                throw isFile
                        ? new ApiException(413, "upload larger than the limit of " + maxFileBytes + " bytes")
                        : ApiException.badRequest("multipart field larger than " + MAX_FIELD_BYTES + " bytes");
            }
            if (out != null && end > pos) {
                out.write(buf, pos, end - pos);
            }
            pos = end;
            if (i >= 0) {
                pos += delimiter.length;
                return n;
            }
            if (eof) {
                throw ApiException.badRequest("multipart body ends before its closing delimiter");
            }
            fill();
        }
    }

    /** Reads until at least {@code n} bytes are buffered or the body ends. */
    private void ensure(int n) throws IOException {
        while (lim - pos < n && !eof) {
            fill();
        }
    }

    /** Reads more of the body, moving what is left to the front of the buffer first. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new ApiException(408, "upload too slow: the request did not arrive within the time limit");
        }
        int r;
        try {
            r = in.read(buf, lim, buf.length - lim);
        } catch (java.nio.channels.AsynchronousCloseException e) {
            // the JDK server closed a connection whose request took too long (sun.net.httpserver.maxReqTime)
            throw new ApiException(408, "upload too slow: the connection was closed");
        } catch (IOException e) {
            throw new ApiException(400, "the upload broke off: " + e.getClass().getSimpleName());
        }
        if (r < 0) {
            eof = true;
            return;
        }
        lim += r;
        bodyBytes += r;
        if (bodyBytes > maxBodyBytes) {
            throw new ApiException(413, "upload larger than the limit of " + maxFileBytes + " bytes");
        }
    }

    private int indexOf(byte[] needle, int from, int to) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (buf[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The client's file name without any directory, control characters or excess length. */
    static String displayName(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String cleaned = clean(base, 200).strip();
        return cleaned.isEmpty() ? "upload" : cleaned;
    }

    private static String clean(String s, int max) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().filter(c -> !Character.isISOControl(c)).limit(max).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /**
     * Reads the body on to its end, within {@code maxBytes} and the deadline, so that a client
     * still sending receives the error response instead of a reset connection.
     *
     * @return whether the body ended
     */
    static boolean discard(InputStream in, long maxBytes, long deadlineNanos) {
        byte[] b = new byte[BUFFER];
        long n = 0;
        try {
            while (n <= maxBytes && System.nanoTime() - deadlineNanos < 0) {
                int r = in.read(b);
                if (r < 0) {
                    return true;
                }
                n += r;
            }
        } catch (IOException e) {
            // the client is gone: nothing left to drain
        }
        return false;
    }
}
