package org.patengine.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** The R-serialization subset on small streams written here, byte by byte as R's serialize.c writes them. */
class RDataReaderTest {
    @TempDir
    Path dir;

    /** Writes R's XDR serialization: flags words, lengths, big-endian values. */
    static final class RWriter {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream d = new DataOutputStream(bytes);

        interface Item {
            void write() throws IOException;
        }

        RWriter header(int version) throws IOException {
            d.writeBytes(version == 3 ? "RDX3\nX\n" : "RDX2\nX\n");
            d.writeInt(version);
            d.writeInt(0x040001); // written by R 4.0.1
            d.writeInt(version == 3 ? 0x030500 : 0x020300);
            if (version == 3) {
                d.writeInt(5);
                d.writeBytes("UTF-8");
            }
            return this;
        }

        void flags(int type, boolean object, boolean attributes, boolean tag, int levels) throws IOException {
            d.writeInt(type | (object ? 1 << 8 : 0) | (attributes ? 1 << 9 : 0) | (tag ? 1 << 10 : 0) | (levels << 12));
        }

        void nil() throws IOException {
            d.writeInt(254);
        }

        void chars(String s) throws IOException {
            flags(9, false, false, false, s == null ? 0 : 64);
            if (s == null) {
                d.writeInt(-1);
            } else {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                d.writeInt(b.length);
                d.write(b);
            }
        }

        /** A new symbol (R then refers to it by {@link #ref}, counting symbols from 1). */
        void symbol(String s) throws IOException {
            flags(1, false, false, false, 0);
            chars(s);
        }

        void ref(int index) throws IOException {
            d.writeInt((index << 8) | 255);
        }

        /** A pairlist of tagged cells; a name is a new symbol, or "#n" a reference to the n-th. */
        void pairlist(String[] tags, Item... values) throws IOException {
            for (int i = 0; i < values.length; i++) {
                flags(2, false, false, true, 0);
                if (tags[i].startsWith("#")) {
                    ref(Integer.parseInt(tags[i].substring(1)));
                } else {
                    symbol(tags[i]);
                }
                values[i].write();
            }
            nil();
        }

        void strings(Item attributes, String... v) throws IOException {
            flags(16, false, attributes != null, false, 0);
            d.writeInt(v.length);
            for (String s : v) {
                chars(s);
            }
            if (attributes != null) {
                attributes.write();
            }
        }

        void ints(boolean object, Item attributes, int... v) throws IOException {
            flags(13, object, attributes != null, false, 0);
            d.writeInt(v.length);
            for (int x : v) {
                d.writeInt(x);
            }
            if (attributes != null) {
                attributes.write();
            }
        }

        void reals(long... bits) throws IOException {
            flags(14, false, false, false, 0);
            d.writeInt(bits.length);
            for (long x : bits) {
                d.writeLong(x);
            }
        }

        byte[] toBytes() throws IOException {
            d.flush();
            return bytes.toByteArray();
        }
    }

    /**
     * {@code df <- data.frame(x = c(1.5, NA, NaN), f = factor(c("a", "b", NA)), s = c("u", NA, "w"))}:
     * symbols in order names(1) … as R numbers them, the compact row names c(NA, -3).
     */
    static byte[] dataFrame(int version) throws IOException {
        RWriter w = new RWriter().header(version);
        w.flags(2, false, false, true, 0);
        w.symbol("df"); // 1
        w.flags(19, true, true, false, 0);
        w.d.writeInt(3);
        w.reals(Double.doubleToRawLongBits(1.5), RDataReader.NA_REAL_BITS, Double.doubleToRawLongBits(Double.NaN));
        w.ints(true, () -> w.pairlist(new String[] {"levels", "class"}, // 2, 3
                () -> w.strings(null, "a", "b"), () -> w.strings(null, "factor")), 1, 2, RDataReader.NA_INTEGER);
        w.strings(null, "u", null, "w");
        w.pairlist(new String[] {"names", "#3", "row.names"}, // 4, (class), 5
                () -> w.strings(null, "x", "f", "s"), () -> w.strings(null, "data.frame"),
                () -> w.ints(false, null, RDataReader.NA_INTEGER, -3));
        w.nil();
        return w.toBytes();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    static byte[] xz(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream z = new XZOutputStream(out, new LZMA2Options())) {
            z.write(b);
        }
        return out.toByteArray();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    @Test
    void aDataFrameReadsTheSameUncompressedGzippedAndXzCompressed() throws IOException {
        for (int version : new int[] {2, 3}) {
            byte[] raw = dataFrame(version);
            for (byte[] bytes : List.of(raw, gzip(raw), xz(raw))) {
                Path f = file("df.rda", bytes);
                Map<String, RDataReader.Value> objects = RDataReader.read(f);
                assertEquals(List.of("df"), List.copyOf(objects.keySet()));
                RDataReader.DataFrame df = RDataReader.dataFrame(objects, "df", f.toString());
                assertEquals(3, df.rows());
                assertEquals(List.of("x", "f", "s"), df.names());
                RDataReader.Doubles x = (RDataReader.Doubles) df.column("x");
                assertEquals(1.5, x.values()[0]);
                assertTrue(x.isNA(1) && Double.isNaN(x.values()[1]), "NA_real_");
                assertTrue(!x.isNA(2) && Double.isNaN(x.values()[2]), "NaN is not NA");
                RDataReader.Factor factor = df.factor("f");
                assertEquals(List.of("a", "b"), factor.levels());
                assertArrayEquals(new int[] {0, 1, -1}, factor.codes());
                assertArrayEquals(new String[] {"u", null, "w"}, ((RDataReader.Strings) df.column("s")).values());
                assertTrue(df.source().endsWith("df.rda (df)"), df.source());
                IOException na = assertThrows(IOException.class, () -> df.numeric("x"));
                assertTrue(na.getMessage().contains("column 'x' is NA in row 2"), na.getMessage());
                IOException notFactor = assertThrows(IOException.class, () -> df.factor("s"));
                assertTrue(notFactor.getMessage().contains("column 's' is STRSXP, expected a factor"), notFactor.getMessage());
            }
        }
    }

    @Test
    void aMissingColumnOrObjectIsAnErrorNamingTheFileAndWhatIsThere() throws IOException {
        Path f = file("df.rda", xz(dataFrame(2)));
        Map<String, RDataReader.Value> objects = RDataReader.read(f);
        RDataReader.DataFrame df = RDataReader.dataFrame(objects, "df", f.toString());
        IOException col = assertThrows(IOException.class, () -> df.numeric("V11"));
        assertTrue(col.getMessage().contains("df.rda (df): no column 'V11'; its columns are [x, f, s]"), col.getMessage());
        IOException obj = assertThrows(IOException.class, () -> RDataReader.dataFrame(objects, "Vowel", f.toString()));
        assertTrue(obj.getMessage().contains("df.rda: holds no object 'Vowel'; it holds [df]"), obj.getMessage());
    }

    @Test
    void aTruncatedFileIsAnErrorNamingIt() throws IOException {
        byte[] raw = dataFrame(2);
        for (int cut : new int[] {3, 7, 12, 30, raw.length / 2, raw.length - 1}) {
            Path f = file("cut" + cut + ".rda", Arrays.copyOf(raw, cut));
            IOException e = assertThrows(IOException.class, () -> RDataReader.read(f), "cut at " + cut);
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
            assertTrue(e.getMessage().contains(cut < 5 ? "not an R data file" : "truncated"), e.getMessage());
        }
        byte[] packed = xz(raw);
        Path f = file("cut.rda.xz", Arrays.copyOf(packed, packed.length / 2));
        IOException e = assertThrows(IOException.class, () -> RDataReader.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        byte[] zipped = gzip(raw);
        Path g = file("cut.rda.gz", Arrays.copyOf(zipped, zipped.length - 12));
        IOException ge = assertThrows(IOException.class, () -> RDataReader.read(g));
        assertTrue(ge.getMessage().contains(g.toString()) && ge.getMessage().contains("truncated"), ge.getMessage());
    }

    @Test
    void aFileThatIsNoRDataIsRefusedByItsMagic() throws IOException {
        Path text = file("notes.rda", "hello, world\n".getBytes(StandardCharsets.US_ASCII));
        IOException e = assertThrows(IOException.class, () -> RDataReader.read(text));
        assertTrue(e.getMessage().contains("notes.rda: not an R data file: expected RDX2 or RDX3 after decompression, found 'hello'"),
                e.getMessage());
        Path packed = file("packed.rda", xz("PK\u0003\u0004 a zip".getBytes(StandardCharsets.ISO_8859_1)));
        e = assertThrows(IOException.class, () -> RDataReader.read(packed));
        assertTrue(e.getMessage().contains("packed.rda: not an R data file") && e.getMessage().contains("'PK\\x03\\x04 '"), e.getMessage());
        Path ascii = file("ascii.rda", "RDX2\nA\n2\n".getBytes(StandardCharsets.US_ASCII));
        e = assertThrows(IOException.class, () -> RDataReader.read(ascii));
        assertTrue(e.getMessage().contains("ascii.rda: serialization format 'A\\x0a' is not supported, expected XDR"), e.getMessage());
        Path bz = file("bz.rda", "BZh91AY&SY".getBytes(StandardCharsets.US_ASCII));
        e = assertThrows(IOException.class, () -> RDataReader.read(bz));
        assertTrue(e.getMessage().contains("bz.rda: bzip2-compressed"), e.getMessage());
        Path empty = file("empty.rda", new byte[0]);
        e = assertThrows(IOException.class, () -> RDataReader.read(empty));
        assertTrue(e.getMessage().contains("empty.rda: empty"), e.getMessage());
        e = assertThrows(IOException.class, () -> RDataReader.read(dir.resolve("absent.rda")));
        assertTrue(e.getMessage().contains("absent.rda does not exist"), e.getMessage());
    }

    @Test
    void anUnsupportedTypeIsAnErrorNamingItsNumber() throws IOException {
        // x <- new.env(): an ENVSXP (4) where a value is expected
        RWriter w = new RWriter().header(2);
        w.flags(2, false, false, true, 0);
        w.symbol("x");
        w.d.writeInt(4);
        w.d.writeInt(0);
        Path f = file("env.rda", xz(w.toBytes()));
        IOException e = assertThrows(IOException.class, () -> RDataReader.read(f));
        assertTrue(e.getMessage().contains("env.rda: unsupported R object type 4 (ENVSXP) at byte 36 of the decompressed stream"),
                e.getMessage());
        // a complex vector (15) as a data frame's column
        RWriter c = new RWriter().header(2);
        c.flags(2, false, false, true, 0);
        c.symbol("z");
        c.flags(15, false, false, false, 0);
        c.d.writeInt(1);
        c.d.writeLong(0);
        c.d.writeLong(0);
        IOException ce = assertThrows(IOException.class, () -> RDataReader.read(c.toBytes(), "complex.rda"));
        assertTrue(ce.getMessage().contains("complex.rda: unsupported R object type 15 (CPLXSXP)"), ce.getMessage());
        // a reference to a symbol never written
        RWriter r = new RWriter().header(2);
        r.flags(2, false, false, true, 0);
        r.ref(7);
        IOException re = assertThrows(IOException.class, () -> RDataReader.read(r.toBytes(), "ref.rda"));
        assertTrue(re.getMessage().contains("ref.rda: reference 7 at byte 23"), re.getMessage());
    }

    @Test
    void aPlainVectorAndNullReadToo() throws IOException {
        RWriter w = new RWriter().header(2);
        w.pairlist(new String[] {"v", "n", "b"}, () -> w.ints(false, null, 4, 5), w::nil, () -> {
            w.flags(10, false, false, false, 0);
            w.d.writeInt(2);
            w.d.writeInt(1);
            w.d.writeInt(RDataReader.NA_INTEGER);
        });
        Map<String, RDataReader.Value> o = RDataReader.read(w.toBytes(), "plain.rda");
        assertArrayEquals(new int[] {4, 5}, ((RDataReader.Ints) o.get("v")).values());
        assertTrue(o.get("n") instanceof RDataReader.Null);
        RDataReader.Ints b = (RDataReader.Ints) o.get("b");
        assertTrue(b.logical() && b.isNA(1) && !b.isFactor(), b.toString());
        assertNull(o.get("v").names());
        IOException e = assertThrows(IOException.class, () -> RDataReader.dataFrame(o, "v", "plain.rda"));
        assertTrue(e.getMessage().contains("plain.rda (v): is INTSXP, expected a data.frame"), e.getMessage());
    }
}
