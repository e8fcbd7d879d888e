package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Videos whose containers lie, written byte by byte so that the lie is exact: Motion-JPEG in
 * AVI, where every frame is a whole JPEG with its own size, so a stream can change size from one
 * frame to the next whatever its header says, and where the header's frame count and rate can
 * claim any length.
 */
public final class HostileVideos {
    private HostileVideos() {
    }

    /**
     * A uniform grey baseline JPEG, as OpenCV encodes one (standard Huffman tables).
     *
     * @param width multiple of 8
     * @param height multiple of 8
     */
    public static byte[] greyJpeg(int width, int height) {
        try (Mat m = new Mat(height, width, CV_8UC1, Scalar.all(128)); BytePointer out = new BytePointer()) {
            if (!imencode(".jpg", m, out)) {
                throw new IllegalStateException("cannot encode a JPEG");
            }
            byte[] b = new byte[(int) out.limit()];
            out.get(b);
            return b;
        }
    }

    /**
     * A uniform grey JPEG of any size without a picture of that size in memory: a small one's
     * frame header is given the new size, and its entropy-coded data is repeated, since every 8 x
     * 8 block of a uniform grey picture codes to the same six bits (DC difference 0, then end of
     * block), four blocks to three bytes. Decoding it takes {@code width x height} bytes.
     *
     * @param width multiple of 32
     * @param height multiple of 8
     */
    public static byte[] hugeGreyJpeg(int width, int height) {
        if (width % 32 != 0 || height % 8 != 0) {
            throw new IllegalArgumentException("width must be a multiple of 32, height of 8");
        }
        byte[] small = greyJpeg(32, 8); // four blocks
        int sof = marker(small, 0xC0);
        int sos = marker(small, 0xDA);
        int data = sos + 2 + ((small[sos + 2] & 0xFF) << 8 | (small[sos + 3] & 0xFF));
        byte[] four = Arrays.copyOfRange(small, data, data + 3);
        if (small.length != data + 5 || (small[data + 3] & 0xFF) != 0xFF || (small[data + 4] & 0xFF) != 0xD9) {
            throw new IllegalStateException("unexpected JPEG layout from OpenCV");
        }
        byte[] head = Arrays.copyOf(small, data);
        head[sof + 5] = (byte) (height >> 8);
        head[sof + 6] = (byte) height;
        head[sof + 7] = (byte) (width >> 8);
        head[sof + 8] = (byte) width;
        long blocks = (long) width / 8 * (height / 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) (head.length + blocks / 4 * 3 + 2));
        out.writeBytes(head);
        for (long i = 0; i < blocks / 4; i++) {
            out.write(four, 0, 3);
        }
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }

    private static int marker(byte[] jpeg, int code) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == code) {
                return i;
            }
        }
        throw new IllegalStateException("no marker " + Integer.toHexString(code));
    }

    /**
     * Writes a Motion-JPEG AVI.
     *
     * @param frames the JPEG of each frame, in order
     * @param width frame width the header states
     * @param height frame height the header states
     * @param fps frame rate the header states
     * @param statedFrames frame count the header states
     */
    public static Path mjpegAvi(Path file, List<byte[]> frames, int width, int height, int fps, int statedFrames)
            throws IOException {
        int largest = frames.stream().mapToInt(f -> f.length).max().orElse(0);
        ByteBuffer avih = le(56).putInt(1_000_000 / fps).putInt(largest * fps).putInt(0).putInt(0x10) // AVIF_HASINDEX
                .putInt(statedFrames).putInt(0).putInt(1).putInt(largest).putInt(width).putInt(height);
        ByteBuffer strh = le(56).put(ascii("vids")).put(ascii("MJPG")).putInt(0).putShort((short) 0).putShort((short) 0)
                .putInt(0).putInt(1).putInt(fps).putInt(0).putInt(statedFrames).putInt(largest).putInt(-1).putInt(0)
                .putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height);
        ByteBuffer strf = le(40).putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24)
                .put(ascii("MJPG")).putInt(width * height * 3).putInt(0).putInt(0).putInt(0).putInt(0);
        byte[] strl = list("strl", chunk("strh", strh.array()), chunk("strf", strf.array()));
        byte[] hdrl = list("hdrl", chunk("avih", avih.array()), strl);
        List<byte[]> chunks = new ArrayList<>();
        ByteBuffer idx1 = le(16 * frames.size());
        int offset = 4; // from the 'movi' tag
        for (byte[] f : frames) {
            byte[] c = chunk("00dc", f);
            chunks.add(c);
            idx1.put(ascii("00dc")).putInt(0x10).putInt(offset).putInt(f.length); // AVIIF_KEYFRAME
            offset += c.length;
        }
        byte[] movi = list("movi", chunks.toArray(byte[][]::new));
        byte[] riff = riff(hdrl, movi, chunk("idx1", idx1.array()));
        return Files.write(file, riff);
    }

    private static byte[] riff(byte[]... parts) {
        return container("RIFF", "AVI ", parts);
    }

    private static byte[] list(String type, byte[]... parts) {
        return container("LIST", type, parts);
    }

    private static byte[] container(String id, String type, byte[]... parts) {
        int size = 4 + Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer b = le(8 + size).put(ascii(id)).putInt(size).put(ascii(type));
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    private static byte[] chunk(String id, byte[] data) {
        int padded = data.length + (data.length & 1);
        return le(8 + padded).put(ascii(id)).putInt(data.length).put(data).array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
