package io.lvnet.weights;

import io.lvnet.files.AtomicFiles;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format: an 8-byte little-endian header length N, N bytes of UTF-8 JSON describing each
 * tensor's dtype, shape and byte range (plus optional string {@code __metadata__}), then the
 * tensors' little-endian bytes back to back. Files written here load with Python's
 * {@code safetensors.torch.load_file}.
 */
public final class Safetensors {
    /** Headers larger than this are rejected, as the reference implementation does. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private Safetensors() {
    }

    /**
     * Atomically writes tensors and metadata to {@code file} (see {@link AtomicFiles}). The
     * tensors' data follow the map's iteration order, so reading the file back yields the same
     * order.
     *
     * @param file the file to create or replace; parent directories are created
     * @param tensors tensors by name; no name may be {@code __metadata__}
     * @param metadata free-form string metadata, may be empty
     * @throws IOException if writing fails; an existing file is then left as it was
     */
    public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata)
            throws IOException {
        byte[] header = SafetensorsHeader.encode(tensors, metadata == null ? Map.of() : metadata);
        AtomicFiles.writeChannel(file, channel -> {
            ByteBuffer head = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(header.length).put(header).flip();
            writeFully(channel, head);
            for (TensorData t : tensors.values()) {
                writeFully(channel, t.data());
            }
        });
    }

    /**
     * Reads a safetensors file. The tensor data are memory-mapped, not copied; the returned
     * tensors stay valid after the call (and after the file is replaced or deleted).
     *
     * @param file the file to read
     * @return the tensors, ordered by their data offset, and the metadata
     * @throws WeightsFormatException if the file is truncated or its header is malformed or
     *     inconsistent with the data (the message names the file and the problem)
     * @throws IOException if the file cannot be read at all
     */
    public static SafetensorsContent read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw invalid(file, "file has " + size + " bytes, too short for a header");
            }
            ByteBuffer lengthBytes = readFully(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN);
            long headerLength = lengthBytes.getLong();
            if (headerLength < 2 || headerLength > size - 8) {
                throw invalid(file, "header length " + Long.toUnsignedString(headerLength)
                        + " does not fit a file of " + size + " bytes (truncated or not safetensors)");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw invalid(file, "header length " + headerLength + " exceeds the limit of "
                        + MAX_HEADER_BYTES + " bytes");
            }
            String json = decodeUtf8(file, readFully(channel, 8, (int) headerLength));
            long dataStart = 8 + headerLength;
            SafetensorsHeader header;
            try {
                header = SafetensorsHeader.parse(json, size - dataStart);
            } catch (IllegalArgumentException e) {
                throw invalid(file, e.getMessage());
            }
            return new SafetensorsContent(mapTensors(file, channel, dataStart, header),
                    header.metadata());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such safetensors file");
        }
    }

    private static Map<String, TensorData> mapTensors(Path file, FileChannel channel, long dataStart,
            SafetensorsHeader header) throws IOException {
        long dataSize = channel.size() - dataStart;
        // one mapping for the whole data section when it fits a buffer, else one per tensor
        ByteBuffer whole = dataSize <= Integer.MAX_VALUE
                ? channel.map(FileChannel.MapMode.READ_ONLY, dataStart, dataSize) : null;
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (SafetensorsHeader.Entry e : header.entries()) {
            long length = e.end() - e.begin();
            ByteBuffer bytes;
            if (whole != null) {
                bytes = whole.slice((int) e.begin(), (int) length);
            } else if (length <= Integer.MAX_VALUE) {
                bytes = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin(), length);
            } else {
                throw invalid(file, "tensor '" + e.name() + "' has " + length
                        + " bytes, more than one buffer can hold");
            }
            tensors.put(e.name(), new TensorData(e.type(), e.shape(), bytes));
        }
        return tensors;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position()) < 0) {
                throw new EOFException("unexpected end of file");
            }
        }
        return buf.flip();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    private static String decodeUtf8(Path file, ByteBuffer bytes) throws WeightsFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw invalid(file, "header is not valid UTF-8");
        }
    }

    private static WeightsFormatException invalid(Path file, String problem) {
        return new WeightsFormatException(("invalid safetensors file " + file + ": " + problem)
                .replaceAll("[\\r\\n]+", " "));
    }
}
