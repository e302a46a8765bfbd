package org.patengine.engine.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads an IDX file (the MNIST format), raw or gzip-compressed (recognised by its magic bytes, not
 * by the file name).
 *
 * <p>Layout: two zero bytes, a type byte (only 0x08, unsigned byte, is used by the image datasets),
 * the number of dimensions, each dimension as a big-endian int32, then the data in row-major order.
 * Every deviation — a wrong magic, a negative dimension, a truncated body, bytes after the end — is
 * an {@link IOException} that names the file and what was expected.
 *
 * @param dims the dimensions, e.g. {60000, 28, 28}
 * @param data the values as unsigned bytes 0..255, row-major
 */
public record IdxFile(int[] dims, byte[] data) {

    /** The number of items (the first dimension). */
    public int count() {
        return dims[0];
    }

    /** Elements per item (the product of the other dimensions). */
    public int itemSize() {
        int s = 1;
        for (int i = 1; i < dims.length; i++) {
            s *= dims[i];
        }
        return s;
    }

    /** Reads and validates an IDX file of unsigned bytes. */
    public static IdxFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
            return read(file.toString(), in);
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + ": corrupt gzip data: " + e.getMessage(), e);
        }
    }

    static IdxFile read(String name, InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IOException(name + ": truncated: the 4-byte IDX magic number is missing");
        }
        if ((magic >>> 16) != 0) {
            throw new IOException(name + ": wrong magic number 0x" + Integer.toHexString(magic)
                    + ": an IDX file starts with two zero bytes (e.g. 0x00000803 for images, 0x00000801 for labels)");
        }
        int type = (magic >>> 8) & 0xff;
        int nd = magic & 0xff;
        if (type != 0x08) {
            throw new IOException(name + ": IDX element type 0x" + Integer.toHexString(type)
                    + " is not supported: expected 0x08 (unsigned byte)");
        }
        if (nd < 1 || nd > 4) {
            throw new IOException(name + ": " + nd + " dimensions in the IDX header: expected 1 to 4");
        }
        int[] dims = new int[nd];
        long total = 1;
        for (int i = 0; i < nd; i++) {
            try {
                dims[i] = in.readInt();
            } catch (EOFException e) {
                throw new IOException(name + ": truncated IDX header: dimension " + i + " of " + nd + " is missing");
            }
            if (dims[i] < 0) {
                throw new IOException(name + ": dimension " + i + " is negative (" + dims[i] + ")");
            }
            total *= dims[i];
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IOException(name + ": dimensions " + Arrays.toString(dims) + " are too large (" + total + " elements)");
        }
        byte[] data = new byte[(int) total];
        int read = in.readNBytes(data, 0, data.length);
        if (read < data.length) {
            throw new IOException(name + ": truncated: dimensions " + Arrays.toString(dims) + " need " + total
                    + " data bytes, the file has " + read);
        }
        if (in.read() != -1) {
            throw new IOException(name + ": unexpected bytes after the " + total + " data bytes that dimensions "
                    + Arrays.toString(dims) + " describe");
        }
        return new IdxFile(dims, data);
    }
}
