package org.patengine.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    @TempDir
    Path dir;

    /** An IDX file of unsigned bytes with the given dimensions and data. */
    static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        out.flush();
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    @Test
    void readsRawAndGzippedFilesAlike() throws IOException {
        byte[] data = {1, 2, 3, (byte) 200, 5, 6};
        byte[] raw = idx(0x00000803, new int[] {1, 2, 3}, data);
        for (Path p : new Path[] {write("a", raw), write("b.whatever", gzip(raw))}) {
            IdxFile f = IdxFile.read(p);
            assertArrayEquals(new int[] {1, 2, 3}, f.dims());
            assertArrayEquals(data, f.data());
            assertEquals(1, f.count());
            assertEquals(6, f.itemSize());
        }
    }

    @Test
    void wrongMagicIsNamed() throws IOException {
        Path p = write("bad", idx(0x12345678, new int[] {1}, new byte[1]));
        IOException e = assertThrows(IOException.class, () -> IdxFile.read(p));
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void truncatedBodySaysHowManyBytesWereExpected() throws IOException {
        byte[] full = idx(0x00000803, new int[] {2, 2, 2}, new byte[8]);
        Path p = write("short", Arrays.copyOf(full, full.length - 3));
        IOException e = assertThrows(IOException.class, () -> IdxFile.read(p));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("need 8") && e.getMessage().contains("has 5"),
                e.getMessage());
    }

    @Test
    void truncatedHeaderIsNamed() throws IOException {
        Path p = write("hdr", Arrays.copyOf(idx(0x00000803, new int[] {2, 2, 2}, new byte[8]), 9));
        IOException e = assertThrows(IOException.class, () -> IdxFile.read(p));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void trailingBytesAreAnError() throws IOException {
        byte[] full = idx(0x00000801, new int[] {3}, new byte[3]);
        Path p = write("long", Arrays.copyOf(full, full.length + 2));
        IOException e = assertThrows(IOException.class, () -> IdxFile.read(p));
        assertTrue(e.getMessage().contains("after"), e.getMessage());
    }

    @Test
    void unsupportedTypeAndCorruptGzipAreNamed() throws IOException {
        Path p = write("float", idx(0x00000d01, new int[] {1}, new byte[4]));
        assertTrue(assertThrows(IOException.class, () -> IdxFile.read(p)).getMessage().contains("0xd"));
        byte[] gz = gzip(idx(0x00000801, new int[] {100}, new byte[100]));
        gz[gz.length / 2] ^= 0x55;
        gz[gz.length / 2 + 1] ^= 0x55;
        Path q = write("corrupt.gz", gz);
        assertThrows(IOException.class, () -> IdxFile.read(q));
        assertTrue(assertThrows(IOException.class, () -> IdxFile.read(dir.resolve("missing"))).getMessage().contains("no such file"));
    }
}
