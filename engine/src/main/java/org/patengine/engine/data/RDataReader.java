package org.patengine.engine.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.tukaani.xz.XZInputStream;

/**
 * Reads the subset of R's serialization that a data set saved by {@code save()} needs: an
 * {@code .rda} / {@code .RData} file, xz-, gzip- or not compressed, holding {@code RDX2\n} or
 * {@code RDX3\n} and then an XDR stream ({@code X\n}, big-endian) of one pairlist that maps each
 * saved object's name to its value.
 *
 * <p>What is read (R's {@code serialize.c}): every item starts with a flags word, {@code type =
 * flags & 0xFF}, object bit {@code 1 << 8}, attribute bit {@code 1 << 9}, tag bit {@code 1 << 10},
 * {@code levels = flags >>> 12} (a string's encoding). The types: NILVALUE (254), REFSXP (255,
 * a back-reference to an earlier symbol), SYMSXP (1), LISTSXP (2: [attributes], [tag], car, cdr),
 * CHARSXP (9; length −1 is NA), LGLSXP (10) and INTSXP (13) (NA = {@code Integer.MIN_VALUE}),
 * REALSXP (14; NA is the NaN whose low word is 1954, NaN stays NaN), STRSXP (16), VECSXP (19);
 * a vector's attributes (a pairlist) follow its elements. A factor is an INTSXP of 1-based codes
 * with attributes {@code levels} (STRSXP) and {@code class = "factor"}; a data frame a VECSXP with
 * {@code names}, {@code class = "data.frame"} and {@code row.names}, either strings or the compact
 * form {@code c(NA, -n)}. Anything else (environments, closures, ALTREP, bytecode, …) is refused
 * naming its type number, as are the ASCII and native-binary formats.
 *
 * <p>Errors name the file and, inside the stream, the byte offset in the decompressed data.
 */
public final class RDataReader {
    /** NA_real_: a NaN with 1954 in its low word. */
    static final long NA_REAL_BITS = 0x7FF00000000007A2L;
    public static final int NA_INTEGER = Integer.MIN_VALUE;

    static final int NILVALUE_SXP = 254;
    static final int REFSXP = 255;
    static final int SYMSXP = 1;
    static final int LISTSXP = 2;
    static final int CHARSXP = 9;
    static final int LGLSXP = 10;
    static final int INTSXP = 13;
    static final int REALSXP = 14;
    static final int STRSXP = 16;
    static final int VECSXP = 19;

    /** The largest decompressed stream read (R data sets of this kind are kilobytes to megabytes). */
    static final int MAX_BYTES = 1 << 30;

    private static final Map<Integer, String> TYPE_NAMES = Map.ofEntries(Map.entry(0, "NILSXP"), Map.entry(1, "SYMSXP"),
            Map.entry(2, "LISTSXP"), Map.entry(3, "CLOSXP"), Map.entry(4, "ENVSXP"), Map.entry(5, "PROMSXP"),
            Map.entry(6, "LANGSXP"), Map.entry(7, "SPECIALSXP"), Map.entry(8, "BUILTINSXP"), Map.entry(9, "CHARSXP"),
            Map.entry(10, "LGLSXP"), Map.entry(13, "INTSXP"), Map.entry(14, "REALSXP"), Map.entry(15, "CPLXSXP"),
            Map.entry(16, "STRSXP"), Map.entry(17, "DOTSXP"), Map.entry(19, "VECSXP"), Map.entry(20, "EXPRSXP"),
            Map.entry(21, "BCODESXP"), Map.entry(22, "EXTPTRSXP"), Map.entry(23, "WEAKREFSXP"), Map.entry(24, "RAWSXP"),
            Map.entry(25, "S4SXP"), Map.entry(238, "ALTREP_SXP"), Map.entry(239, "ATTRLISTSXP"),
            Map.entry(240, "ATTRLANGSXP"), Map.entry(241, "BASEENV_SXP"), Map.entry(242, "EMPTYENV_SXP"),
            Map.entry(246, "CLASSREFSXP"), Map.entry(247, "PERSISTSXP"), Map.entry(248, "PACKAGESXP"),
            Map.entry(249, "NAMESPACESXP"), Map.entry(250, "BASENAMESPACE_SXP"), Map.entry(251, "MISSINGARG_SXP"),
            Map.entry(252, "UNBOUNDVALUE_SXP"), Map.entry(253, "GLOBALENV_SXP"));

    private RDataReader() {
    }

    /** A value of the serialized stream; every one but {@link Null} and {@link Symbol} may carry attributes. */
    public sealed interface Value permits Null, Symbol, Ints, Doubles, Strings, Vector, PairList {
        /** Its attributes by name, in the stream's order (empty when none). */
        default Map<String, Value> attributes() {
            return Map.of();
        }

        /** The attribute of that name, or null. */
        default Value attribute(String name) {
            return attributes().get(name);
        }

        /** Its {@code class} attribute's strings (empty when none). */
        default List<String> classes() {
            return attribute("class") instanceof Strings s ? Arrays.asList(s.values()) : List.of();
        }

        /** Its {@code names} attribute's strings, or null. */
        default String[] names() {
            return attribute("names") instanceof Strings s ? s.values() : null;
        }

        /** R's name of its type, for messages. */
        String typeName();
    }

    /** R's NULL. */
    public record Null() implements Value {
        @Override
        public String typeName() {
            return "NULL";
        }
    }

    /** A symbol (a pairlist's tag). */
    public record Symbol(String name) implements Value {
        @Override
        public String typeName() {
            return "SYMSXP";
        }
    }

    /** INTSXP or LGLSXP ({@code logical}): NA is {@link #NA_INTEGER}. */
    public record Ints(int[] values, boolean logical, Map<String, Value> attributes) implements Value {
        public boolean isNA(int i) {
            return values[i] == NA_INTEGER;
        }

        /** Whether it is a factor: integer codes with {@code levels} and class "factor". */
        public boolean isFactor() {
            return !logical && classes().contains("factor") && attribute("levels") instanceof Strings;
        }

        @Override
        public String typeName() {
            return logical ? "LGLSXP" : (isFactor() ? "factor" : "INTSXP");
        }
    }

    /** REALSXP: NA and NaN both read as NaN; {@link #isNA} tells them apart. */
    public record Doubles(double[] values, BitSet na, Map<String, Value> attributes) implements Value {
        public boolean isNA(int i) {
            return na.get(i);
        }

        @Override
        public String typeName() {
            return "REALSXP";
        }
    }

    /** STRSXP: NA is null. */
    public record Strings(String[] values, Map<String, Value> attributes) implements Value {
        @Override
        public String typeName() {
            return "STRSXP";
        }
    }

    /** VECSXP: a generic vector (a list, a data frame). */
    public record Vector(List<Value> values, Map<String, Value> attributes) implements Value {
        @Override
        public String typeName() {
            return classes().contains("data.frame") ? "data.frame" : "VECSXP";
        }
    }

    /** LISTSXP, flattened: each cell's tag (null when untagged) and value. */
    public record PairList(List<String> tags, List<Value> values, Map<String, Value> attributes) implements Value {
        @Override
        public String typeName() {
            return "LISTSXP";
        }
    }

    /** A factor: 0-based codes ({@code -1} for NA) into its levels. */
    public record Factor(int[] codes, List<String> levels) {
    }

    /**
     * A data frame's columns by name; {@code source} names the file and object in errors.
     *
     * @param rows the row count (its {@code row.names}, compact or not)
     */
    public record DataFrame(String source, int rows, Map<String, Value> columns) {
        /** The columns' names, in order. */
        public List<String> names() {
            return List.copyOf(columns.keySet());
        }

        /** The column of that name; a missing one is an error naming the file and the columns there are. */
        public Value column(String name) throws IOException {
            Value v = columns.get(name);
            if (v == null) {
                throw new IOException(source + ": no column '" + name + "'; its columns are " + names());
            }
            return v;
        }

        /** A numeric column (REALSXP, or INTSXP that is no factor) as doubles; an NA is an error naming its row. */
        public double[] numeric(String name) throws IOException {
            Value v = column(name);
            double[] out = new double[rows];
            if (v instanceof Doubles d) {
                for (int i = 0; i < rows; i++) {
                    if (d.isNA(i)) {
                        throw new IOException(source + ": column '" + name + "' is NA in row " + (i + 1) + ", expected a number");
                    }
                    out[i] = d.values()[i];
                }
                return out;
            }
            if (v instanceof Ints n && !n.isFactor() && !n.logical()) {
                for (int i = 0; i < rows; i++) {
                    if (n.isNA(i)) {
                        throw new IOException(source + ": column '" + name + "' is NA in row " + (i + 1) + ", expected a number");
                    }
                    out[i] = n.values()[i];
                }
                return out;
            }
            throw new IOException(source + ": column '" + name + "' is " + v.typeName() + ", expected numbers (REALSXP or INTSXP)");
        }

        /** A factor column; a column of another type is an error. */
        public Factor factor(String name) throws IOException {
            Value v = column(name);
            if (!(v instanceof Ints f) || !f.isFactor()) {
                throw new IOException(source + ": column '" + name + "' is " + v.typeName() + ", expected a factor");
            }
            List<String> levels = Arrays.asList(((Strings) f.attribute("levels")).values());
            int[] codes = new int[rows];
            for (int i = 0; i < rows; i++) {
                int c = f.values()[i];
                if (c == NA_INTEGER) {
                    codes[i] = -1;
                } else if (c < 1 || c > levels.size()) {
                    throw new IOException(source + ": factor '" + name + "' has code " + c + " in row " + (i + 1)
                            + ", outside its " + levels.size() + " levels");
                } else {
                    codes[i] = c - 1;
                }
            }
            return new Factor(codes, levels);
        }
    }

    /** The objects saved in {@code file}, by name, in the file's order. */
    public static Map<String, Value> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist");
        }
        return read(Files.readAllBytes(file), file.toString());
    }

    /** The objects saved in these bytes (as a file holds them); {@code source} names them in errors. */
    public static Map<String, Value> read(byte[] bytes, String source) throws IOException {
        byte[] data = decompress(bytes, source);
        if (!startsWith(data, "RDX2\n") && !startsWith(data, "RDX3\n")) {
            throw new IOException(source + ": not an R data file: expected RDX2 or RDX3 after decompression, found "
                    + printable(data, 5) + (startsWith(data, "RDA") ? " (an ASCII save: re-save with save(..., ascii = FALSE))" : ""));
        }
        Parser p = new Parser(data, 5, source);
        Value top = p.stream();
        if (top instanceof Null) {
            return Map.of();
        }
        if (!(top instanceof PairList list)) {
            throw new IOException(source + ": expected a pairlist of saved objects, found " + top.typeName());
        }
        Map<String, Value> out = new LinkedHashMap<>();
        for (int i = 0; i < list.values().size(); i++) {
            String tag = list.tags().get(i);
            if (tag == null) {
                throw new IOException(source + ": saved object " + (i + 1) + " has no name");
            }
            out.put(tag, list.values().get(i));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The named object of the file as a data frame; a missing object or another type is an error naming the file. */
    public static DataFrame dataFrame(Map<String, Value> objects, String name, String source) throws IOException {
        Value v = objects.get(name);
        if (v == null) {
            throw new IOException(source + ": holds no object '" + name + "'; it holds " + objects.keySet());
        }
        String where = source + " (" + name + ")";
        if (!(v instanceof Vector df) || !df.classes().contains("data.frame")) {
            throw new IOException(where + ": is " + v.typeName() + ", expected a data.frame");
        }
        String[] names = df.names();
        if (names == null || names.length != df.values().size()) {
            throw new IOException(where + ": its names do not match its " + df.values().size() + " columns");
        }
        int rows = rowCount(df.attribute("row.names"), where);
        Map<String, Value> columns = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) {
            Value col = df.values().get(c);
            int len = switch (col) {
                case Doubles d -> d.values().length;
                case Ints n -> n.values().length;
                case Strings s -> s.values().length;
                default -> throw new IOException(where + ": column '" + names[c] + "' is " + col.typeName()
                        + ", expected a numeric, factor or character vector");
            };
            if (len != rows) {
                throw new IOException(where + ": column '" + names[c] + "' has " + len + " values, the data frame " + rows + " rows");
            }
            if (columns.put(names[c], col) != null) {
                throw new IOException(where + ": column '" + names[c] + "' appears twice");
            }
        }
        return new DataFrame(where, rows, Collections.unmodifiableMap(columns));
    }

    /** Rows from {@code row.names}: the compact {@code c(NA, ±n)}, or one name (string or integer) per row. */
    private static int rowCount(Value rowNames, String where) throws IOException {
        if (rowNames instanceof Ints n && !n.logical()) {
            int[] v = n.values();
            if (v.length == 2 && v[0] == NA_INTEGER) {
                return Math.abs(v[1]);
            }
            return v.length;
        }
        if (rowNames instanceof Strings s) {
            return s.values().length;
        }
        throw new IOException(where + ": row.names is " + (rowNames == null ? "missing" : rowNames.typeName())
                + ", expected integers or strings");
    }

    /** xz (FD 37 7A 58 5A 00), gzip (1F 8B) or uncompressed; bzip2 is refused by name. */
    static byte[] decompress(byte[] bytes, String source) throws IOException {
        if (bytes.length == 0) {
            throw new IOException(source + ": empty, expected an R data file");
        }
        InputStream in;
        String kind;
        if (bytes.length >= 6 && (bytes[0] & 0xff) == 0xFD && startsWith(bytes, 1, "7zXZ") && bytes[5] == 0) {
            in = new XZInputStream(new ByteArrayInputStream(bytes));
            kind = "xz";
        } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1F && (bytes[1] & 0xff) == 0x8B) {
            in = new GZIPInputStream(new ByteArrayInputStream(bytes));
            kind = "gzip";
        } else if (startsWith(bytes, "BZh")) {
            throw new IOException(source + ": bzip2-compressed; only xz, gzip or uncompressed R data files are read"
                    + " (re-save with compress = \"xz\")");
        } else {
            return bytes;
        }
        try (in) {
            byte[] out = in.readNBytes(MAX_BYTES + 1);
            if (out.length > MAX_BYTES) {
                throw new IOException(source + ": decompresses to more than " + MAX_BYTES + " bytes");
            }
            return out;
        } catch (EOFException e) {
            throw new IOException(source + ": truncated " + kind + " data (the file ends inside the compressed stream)", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(source)) {
                throw e;
            }
            throw new IOException(source + ": corrupt or truncated " + kind + " data: " + e, e);
        }
    }

    private static boolean startsWith(byte[] b, String s) {
        return startsWith(b, 0, s);
    }

    private static boolean startsWith(byte[] b, int off, String s) {
        if (b.length < off + s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String printable(byte[] b, int n) {
        StringBuilder s = new StringBuilder("'");
        for (int i = 0; i < Math.min(n, b.length); i++) {
            int c = b[i] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s.append("'").toString();
    }

    /** The XDR stream after the RDX header. */
    private static final class Parser {
        private final byte[] b;
        private final String source;
        private int pos;
        private final List<Value> refs = new ArrayList<>();
        private Charset nativeCharset = StandardCharsets.UTF_8;

        Parser(byte[] b, int pos, String source) {
            this.b = b;
            this.pos = pos;
            this.source = source;
        }

        Value stream() throws IOException {
            need(2, "the serialization format");
            char format = (char) b[pos];
            if (format != 'X' || b[pos + 1] != '\n') {
                throw new IOException(source + ": serialization format " + printable(Arrays.copyOfRange(b, pos, pos + 2), 2)
                        + " is not supported, expected XDR ('X\\n'); " + (format == 'A' ? "this is an ASCII save"
                        : format == 'B' ? "this is a native-binary save" : "not an R serialization"));
            }
            pos += 2;
            int version = integer("the format version");
            integer("the writer's R version");
            integer("the minimal reader's R version");
            if (version == 3) {
                int n = integer("the native encoding's length");
                String enc = string(n, StandardCharsets.US_ASCII, "the native encoding");
                try {
                    nativeCharset = Charset.forName(enc);
                } catch (IllegalArgumentException e) {
                    nativeCharset = StandardCharsets.UTF_8;
                }
            } else if (version != 2) {
                throw new IOException(source + ": serialization format version " + version + ", expected 2 or 3");
            }
            return item();
        }

        private Value item() throws IOException {
            int at = pos;
            int flags = integer("an item's flags");
            int type = flags & 0xFF;
            boolean hasAttr = (flags & (1 << 9)) != 0;
            boolean hasTag = (flags & (1 << 10)) != 0;
            int levels = flags >>> 12;
            switch (type) {
                case NILVALUE_SXP:
                    return new Null();
                case REFSXP: {
                    int index = flags >>> 8;
                    if (index == 0) {
                        index = integer("a reference index");
                    }
                    if (index < 1 || index > refs.size()) {
                        throw new IOException(source + ": reference " + index + " at byte " + at + " of the decompressed stream, but only "
                                + refs.size() + " objects were seen");
                    }
                    return refs.get(index - 1);
                }
                case SYMSXP: {
                    Value name = item();
                    if (!(name instanceof Strings s) || s.values().length != 1 || s.values()[0] == null) {
                        throw new IOException(source + ": a symbol at byte " + at + " has no name");
                    }
                    Symbol sym = new Symbol(s.values()[0]);
                    refs.add(sym);
                    return sym;
                }
                case LISTSXP: {
                    List<String> tags = new ArrayList<>();
                    List<Value> values = new ArrayList<>();
                    Map<String, Value> attributes = Map.of();
                    // a pairlist is a chain of cells; walk it rather than recurse along the cdr
                    while (true) {
                        Map<String, Value> a = hasAttr ? attributes(item(), at) : Map.of();
                        if (values.isEmpty()) {
                            attributes = a;
                        }
                        String tag = null;
                        if (hasTag) {
                            Value t = item();
                            if (!(t instanceof Symbol s)) {
                                throw new IOException(source + ": a pairlist tag at byte " + at + " is " + t.typeName() + ", expected a symbol");
                            }
                            tag = s.name();
                        }
                        tags.add(tag);
                        values.add(item());
                        int next = pos;
                        int f = integer("a pairlist's next cell");
                        if ((f & 0xFF) == NILVALUE_SXP) {
                            break;
                        }
                        if ((f & 0xFF) != LISTSXP) {
                            throw unsupported(f & 0xFF, next, "as a pairlist's tail");
                        }
                        at = next;
                        hasAttr = (f & (1 << 9)) != 0;
                        hasTag = (f & (1 << 10)) != 0;
                    }
                    return new PairList(Collections.unmodifiableList(tags), Collections.unmodifiableList(values), attributes);
                }
                case CHARSXP: {
                    int n = integer("a string's length");
                    String s;
                    if (n == -1) {
                        s = null;
                    } else {
                        // levels: UTF8 1<<3, LATIN1 1<<2, BYTES 1<<1, ASCII 1<<6; else the writer's native encoding
                        Charset cs = (levels & (1 << 3)) != 0 || (levels & (1 << 6)) != 0 ? StandardCharsets.UTF_8
                                : (levels & (1 << 2)) != 0 ? StandardCharsets.ISO_8859_1 : nativeCharset;
                        s = string(n, cs, "a string");
                    }
                    if (hasAttr) {
                        item(); // R writes none for strings; skip as R's reader does
                    }
                    return new Strings(new String[] {s}, Map.of());
                }
                case LGLSXP:
                case INTSXP: {
                    int n = length(at);
                    need(4L * n, "the " + n + " values of an integer vector");
                    int[] v = new int[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = rawInt();
                    }
                    return new Ints(v, type == LGLSXP, hasAttr ? attributes(item(), at) : Map.of());
                }
                case REALSXP: {
                    int n = length(at);
                    need(8L * n, "the " + n + " values of a numeric vector");
                    double[] v = new double[n];
                    BitSet na = new BitSet();
                    for (int i = 0; i < n; i++) {
                        long bits = ((long) rawInt() << 32) | (rawInt() & 0xFFFFFFFFL);
                        // R tests the low word only (R_IsNA); the high word of NA is 0x7FF00000 or, once quieted, 0x7FF80000
                        if (Double.isNaN(Double.longBitsToDouble(bits)) && (int) bits == (int) NA_REAL_BITS) {
                            na.set(i);
                            v[i] = Double.NaN;
                        } else {
                            v[i] = Double.longBitsToDouble(bits);
                        }
                    }
                    return new Doubles(v, na, hasAttr ? attributes(item(), at) : Map.of());
                }
                case STRSXP: {
                    int n = length(at);
                    String[] v = new String[n];
                    for (int i = 0; i < n; i++) {
                        int elementAt = pos;
                        Value e = item();
                        if (!(e instanceof Strings s) || s.values().length != 1) {
                            throw new IOException(source + ": element " + (i + 1) + " of a character vector at byte " + elementAt + " is "
                                    + e.typeName() + ", expected CHARSXP");
                        }
                        v[i] = s.values()[0];
                    }
                    return new Strings(v, hasAttr ? attributes(item(), at) : Map.of());
                }
                case VECSXP: {
                    int n = length(at);
                    List<Value> v = new ArrayList<>(Math.min(n, 1 << 16));
                    for (int i = 0; i < n; i++) {
                        v.add(item());
                    }
                    return new Vector(Collections.unmodifiableList(v), hasAttr ? attributes(item(), at) : Map.of());
                }
                default:
                    throw unsupported(type, at, "");
            }
        }

        private IOException unsupported(int type, int at, String where) {
            String name = TYPE_NAMES.getOrDefault(type, "unknown");
            return new IOException(source + ": unsupported R object type " + type + " (" + name + ") " + (where.isEmpty() ? "" : where + " ")
                    + "at byte " + at + " of the decompressed stream; this reader takes NULL, symbols, pairlists, logical, integer,"
                    + " numeric and character vectors, lists, factors and data frames");
        }

        private Map<String, Value> attributes(Value list, int at) throws IOException {
            if (list instanceof Null) {
                return Map.of();
            }
            if (!(list instanceof PairList p)) {
                throw new IOException(source + ": the attributes of the object at byte " + at + " are " + list.typeName()
                        + ", expected a pairlist");
            }
            Map<String, Value> m = new LinkedHashMap<>();
            for (int i = 0; i < p.values().size(); i++) {
                String tag = p.tags().get(i);
                if (tag == null) {
                    throw new IOException(source + ": an attribute of the object at byte " + at + " has no name");
                }
                m.put(tag, p.values().get(i));
            }
            return Collections.unmodifiableMap(m);
        }

        private int length(int at) throws IOException {
            int n = integer("a vector's length");
            if (n == -1) {
                throw new IOException(source + ": the vector at byte " + at + " has a long length (2^31 or more elements), not supported");
            }
            if (n < 0) {
                throw new IOException(source + ": the vector at byte " + at + " has length " + n);
            }
            return n;
        }

        private String string(int n, Charset cs, String what) throws IOException {
            if (n < 0) {
                throw new IOException(source + ": " + what + " at byte " + pos + " has length " + n);
            }
            need(n, what);
            String s = new String(b, pos, n, cs);
            pos += n;
            return s;
        }

        private int integer(String what) throws IOException {
            need(4, what);
            return rawInt();
        }

        private int rawInt() {
            int v = ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
            pos += 4;
            return v;
        }

        private void need(long n, String what) throws IOException {
            if (pos + n > b.length) {
                throw new IOException(source + ": truncated: " + what + " needs " + n + " bytes at byte " + pos
                        + " of the decompressed stream, which ends at " + b.length);
            }
        }
    }
}
