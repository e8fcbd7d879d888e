package io.lvnet.weights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip archives byte by byte, for tests that need what {@code ZipOutputStream} will
 * not write: duplicate names, listed sizes that differ from the data, raw deflate streams.
 */
final class RawZip {
    private static final int STORED = 0;
    private static final int DEFLATED = 8;

    private record Entry(String name, int method, byte[] data, long listedSize, long crc, byte[] extra) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** An entry stored uncompressed, as torch.save writes them. */
    RawZip stored(String name, byte[] data) {
        entries.add(new Entry(name, STORED, data, data.length, crc(data), new byte[0]));
        return this;
    }

    /** A deflated entry with its true size listed. */
    RawZip deflated(String name, byte[] data) {
        entries.add(new Entry(name, DEFLATED, deflate(data), data.length, crc(data), new byte[0]));
        return this;
    }

    /**
     * An entry whose data is a raw deflate stream given as is, listed with any size (its CRC
     * is not checked by readers of a zip's central directory).
     */
    RawZip rawDeflated(String name, byte[] deflateStream, long listedSize) {
        entries.add(new Entry(name, DEFLATED, deflateStream, listedSize, 0, new byte[0]));
        return this;
    }

    /** Writes the archive. */
    Path write(Path file) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        List<Long> offsets = new ArrayList<>();
        for (Entry e : entries) {
            offsets.add((long) zip.size());
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = le(30 + name.length);
            h.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) e.method())
                    .putInt(0).putInt((int) e.crc()).putInt(e.data().length).putInt((int) e.listedSize())
                    .putShort((short) name.length).putShort((short) 0).put(name);
            zip.writeBytes(h.array());
            zip.writeBytes(e.data());
        }
        long centralStart = zip.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = le(46 + name.length + e.extra().length);
            h.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0)
                    .putShort((short) e.method()).putInt(0).putInt((int) e.crc()).putInt(e.data().length)
                    .putInt((int) e.listedSize()).putShort((short) name.length).putShort((short) e.extra().length)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0)
                    .putInt((int) (long) offsets.get(i)).put(name).put(e.extra());
            zip.writeBytes(h.array());
        }
        long centralSize = zip.size() - centralStart;
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt((int) centralSize).putInt((int) centralStart)
                .putShort((short) 0);
        zip.writeBytes(end.array());
        try (OutputStream os = Files.newOutputStream(file)) {
            zip.writeTo(os);
        }
        return file;
    }

    /**
     * A raw deflate stream that inflates to {@code mib} MiB of zeros while taking about a
     * thousandth of that: one compressed MiB, repeated (a full flush makes each copy
     * independent of the ones before), then an empty final block.
     */
    static byte[] zeroBomb(int mib) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] zeros = new byte[1 << 20];
        byte[] buf = new byte[64 << 10];
        d.setInput(zeros);
        int n = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
        byte[] block = java.util.Arrays.copyOf(buf, n);
        d.finish();
        int tail = d.deflate(buf);
        d.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream(block.length * mib + tail);
        for (int i = 0; i < mib; i++) {
            out.writeBytes(block);
        }
        out.write(buf, 0, tail);
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static long crc(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return c.getValue();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
