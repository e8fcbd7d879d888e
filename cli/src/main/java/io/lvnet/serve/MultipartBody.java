package io.lvnet.serve;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} request body with one file field, as a browser or
 * {@code curl -F file=@photo.jpg} sends it: for the load test and for clients in Java.
 *
 * @param contentType the request's Content-Type, boundary included
 * @param bytes the body
 */
public record MultipartBody(String contentType, byte[] bytes) {
    /** A body holding {@code content} as field {@code file} with the given file name. */
    public static MultipartBody file(String filename, String mediaType, byte[] content) {
        String boundary = "lvnet-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 256);
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename.replace("\"", "%22") + "\"\r\n"
                + "Content-Type: " + mediaType + "\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new MultipartBody("multipart/form-data; boundary=" + boundary, out.toByteArray());
    }
}
