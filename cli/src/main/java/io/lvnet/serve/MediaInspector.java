package io.lvnet.serve;

import io.lvnet.data.FrameSampling;
import io.lvnet.data.VideoFrames;
import io.lvnet.files.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What an upload is, judged from its bytes and never from its name or declared type, and
 * whether it is within the limits, before any pixel is decoded: image sizes come from the file
 * header, a video's frame size and length from its container (FFmpeg opens it without decoding
 * frames). Refusals: 415 for anything that is not an image or video lvnet reads, 422 for media
 * that is too large, too long or unreadable.
 */
final class MediaInspector {
    /** HEIF/AVIF brands: ISO-BMFF files that are still pictures OpenCV does not read. */
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "heim", "heis", "hevm", "hevs", "mif1",
            "msf1", "avif", "avis");
    private static final String SUPPORTED = "images (JPEG, PNG, BMP, WebP, TIFF) and videos (MP4, MOV, MKV, WebM, AVI, MPEG)";

    /**
     * An upload that passed.
     *
     * @param type image or video
     * @param extension the extension the file should carry for the scanner ({@code png}, {@code mp4}, ...)
     * @param width picture (frame) width in pixels
     * @param height picture (frame) height in pixels
     * @param durationSeconds a video's length, NaN for an image
     */
    record Media(MediaType type, String extension, int width, int height, double durationSeconds) {
    }

    private MediaInspector() {
    }

    /**
     * Inspects an uploaded file.
     *
     * @throws ApiException 415 not media, 422 over a limit or unreadable
     */
    static Media inspect(Path file, ServeLimits limits) throws IOException {
        byte[] head = new byte[32];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String extension = sniff(head, n);
        Media media = MediaType.VIDEO_EXTENSIONS.contains(extension) ? video(file, extension) : image(file, extension, head, n);
        long pixels = (long) media.width() * media.height();
        if (pixels > limits.maxPixels()) {
            throw new ApiException(422, String.format(Locale.ROOT, "%s is %d x %d = %,d pixels, more than the limit of %,d",
                    media.type() == MediaType.VIDEO ? "a video frame" : "the image", media.width(), media.height(), pixels,
                    limits.maxPixels()));
        }
        if (media.type() == MediaType.VIDEO && media.durationSeconds() > limits.maxVideoSeconds()) {
            throw new ApiException(422, String.format(Locale.ROOT, "the video is %.1f s long, more than the limit of %s s",
                    media.durationSeconds(), trim(limits.maxVideoSeconds())));
        }
        return media;
    }

    /** The extension for the format the leading bytes announce. */
    static String sniff(byte[] h, int n) {
        if (starts(h, n, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "png";
        }
        if (starts(h, n, 0, 0xFF, 0xD8, 0xFF)) {
            return "jpg";
        }
        if (starts(h, n, 0, 'B', 'M') && n >= 26) {
            return "bmp";
        }
        if (starts(h, n, 0, 'I', 'I', '*', 0) || starts(h, n, 0, 'M', 'M', 0, '*')) {
            return "tif";
        }
        if (starts(h, n, 0, 'R', 'I', 'F', 'F') && starts(h, n, 8, 'W', 'E', 'B', 'P')) {
            return "webp";
        }
        if (starts(h, n, 0, 'R', 'I', 'F', 'F') && starts(h, n, 8, 'A', 'V', 'I', ' ')) {
            return "avi";
        }
        if (starts(h, n, 4, 'f', 't', 'y', 'p') && n >= 12) {
            String brand = new String(h, 8, 4, StandardCharsets.ISO_8859_1);
            if (HEIF_BRANDS.contains(brand)) {
                throw new ApiException(415, "HEIF/AVIF pictures are not supported; send " + SUPPORTED);
            }
            return brand.equals("qt  ") ? "mov" : "mp4";
        }
        if (starts(h, n, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return "mkv"; // Matroska, WebM included
        }
        if (starts(h, n, 0, 0, 0, 1, 0xBA) || starts(h, n, 0, 0, 0, 1, 0xB3)) {
            return "mpg";
        }
        throw new ApiException(415, "not an image or video that lvnet reads; send " + SUPPORTED);
    }

    private static boolean starts(byte[] h, int n, int at, int... magic) {
        if (n < at + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((h[at + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static Media video(Path file, String extension) {
        try {
            double duration;
            int width;
            int height;
            // no frame count needed: the container's duration usually suffices, and nothing is decoded
            try (VideoFrames v = VideoFrames.open(file, FrameSampling.everyKth(1), 1)) {
                duration = v.durationSeconds();
                width = v.width();
                height = v.height();
            }
            if (Double.isNaN(duration)) {
                // no stated duration (e.g. a WebM recorded in a browser): count the frames' packets
                try (VideoFrames v = VideoFrames.open(file, FrameSampling.evenly(1), 1)) {
                    duration = v.durationSeconds();
                }
            }
            if (Double.isNaN(duration)) {
                throw new ApiException(422, "cannot tell how long the video is (no duration and no frame rate)");
            }
            if (width < 1 || height < 1) {
                throw new ApiException(422, "cannot tell the video's frame size");
            }
            return new Media(MediaType.VIDEO, extension, width, height, duration);
        } catch (IOException e) {
            throw new ApiException(422, Uploads.scrub(e.getMessage(), file, "the upload"));
        }
    }

    private static Media image(Path file, String extension, byte[] h, int n) throws IOException {
        int[] size = switch (extension) {
            case "png" -> n >= 24 && starts(h, n, 12, 'I', 'H', 'D', 'R') ? new int[] {be32(h, 16), be32(h, 20)} : null;
            case "bmp" -> bmp(h);
            case "webp" -> webp(file);
            case "jpg" -> jpeg(file);
            default -> viaImageIo(file);
        };
        if (size == null || size[0] < 1 || size[1] < 1) {
            throw new ApiException(422, "cannot read the image's size: damaged or unsupported " + extension.toUpperCase(Locale.ROOT));
        }
        return new Media(MediaType.IMAGE, extension, size[0], size[1], Double.NaN);
    }

    private static int[] bmp(byte[] h) {
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        int header = b.getInt(14);
        if (header == 12) { // OS/2 BITMAPCOREHEADER: 16-bit sizes
            return new int[] {b.getShort(18) & 0xFFFF, b.getShort(20) & 0xFFFF};
        }
        return new int[] {b.getInt(18), Math.abs(b.getInt(22))}; // negative height: stored top-down
    }

    private static int[] webp(Path file) throws IOException {
        byte[] h = new byte[30];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(h, 0, h.length) < h.length) {
                return null;
            }
        }
        String chunk = new String(h, 12, 4, StandardCharsets.ISO_8859_1);
        switch (chunk) {
            case "VP8 ": // lossy: 14-bit sizes after the frame tag and start code
                return new int[] {le16(h, 26) & 0x3FFF, le16(h, 28) & 0x3FFF};
            case "VP8L": { // lossless: 14-bit sizes minus one, packed after the signature byte
                int b1 = h[21] & 0xFF;
                int b2 = h[22] & 0xFF;
                int b3 = h[23] & 0xFF;
                int b4 = h[24] & 0xFF;
                return new int[] {1 + (b1 | (b2 & 0x3F) << 8), 1 + ((b2 >> 6) | b3 << 2 | (b4 & 0x0F) << 10)};
            }
            case "VP8X": // extended: 24-bit canvas sizes minus one
                return new int[] {1 + le24(h, 24), 1 + le24(h, 27)};
            default:
                return null;
        }
    }

    /** Walks the JPEG's marker segments to the first frame header, skipping metadata without reading it. */
    private static int[] jpeg(Path file) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            ByteBuffer b = ByteBuffer.allocate(9);
            long at = 2;
            for (int segments = 0; segments < 1000; segments++) {
                b.clear().limit(4);
                ch.position(at);
                if (readFully(ch, b) < 4 || (b.get(0) & 0xFF) != 0xFF) {
                    return null;
                }
                int marker = b.get(1) & 0xFF;
                if (marker == 0xFF) { // fill byte
                    at++;
                    continue;
                }
                int length = ((b.get(2) & 0xFF) << 8) | (b.get(3) & 0xFF);
                boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
                if (frame) {
                    b.clear().limit(5);
                    if (readFully(ch, b) < 5) {
                        return null;
                    }
                    return new int[] {((b.get(3) & 0xFF) << 8) | (b.get(4) & 0xFF), ((b.get(1) & 0xFF) << 8) | (b.get(2) & 0xFF)};
                }
                if (marker == 0xDA || marker == 0xD9 || length < 2) {
                    return null; // scan data or the end before any frame header
                }
                at += 2 + length;
            }
            return null;
        }
    }

    private static int readFully(SeekableByteChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                break;
            }
        }
        return b.position();
    }

    /** TIFF: Java's reader reads the first directory's sizes without decoding pixels. */
    private static int[] viaImageIo(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } catch (IOException | RuntimeException e) {
                return null;
            } finally {
                reader.dispose();
            }
        }
    }

    private static int be32(byte[] h, int at) {
        return ByteBuffer.wrap(h, at, 4).getInt();
    }

    private static int le16(byte[] h, int at) {
        return (h[at] & 0xFF) | (h[at + 1] & 0xFF) << 8;
    }

    private static int le24(byte[] h, int at) {
        return (h[at] & 0xFF) | (h[at + 1] & 0xFF) << 8 | (h[at + 2] & 0xFF) << 16;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
