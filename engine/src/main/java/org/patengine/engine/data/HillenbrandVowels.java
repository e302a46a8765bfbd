package org.patengine.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vowel task of the Physics-Aware Training paper: formant frequencies of 7 American-English
 * vowels spoken by the 50 women of Hillenbrand et al. (1995), 37 utterances per class, 259 rows,
 * 12 features in Hz (F1, F2, F3 at steady state and at 20 %, 50 % and 80 % of the vowel).
 *
 * <p>The project ships the lab's copy ({@code hillenbrand-vowels-7class.csv}, CC BY 4.0, see
 * NOTICE) and checks its SHA-256 on every load. A user's own CSV of the same form is read by
 * {@link #read(Path)}: a header naming the column {@value #ID_COLUMN} and the 12
 * {@link #FEATURES} (in any order; other columns are refused), one row per utterance, the id being
 * an optional speaker tag (a letter and digits, e.g. {@code w01}) followed by the vowel code, one
 * of {@link #CLASSES}; the label is the code's index there.
 */
public final class HillenbrandVowels {
    /** The shipped copy's file name, also looked for in a folder given as the data. */
    public static final String FILE = "hillenbrand-vowels-7class.csv";
    /** The shipped copy's SHA-256, as its source's README gives it. */
    public static final String SHA256 = "d455c0a2f315583dc843ec9c2d7eac4b2a2a1f736b55d263a9d82d359eba75d4";

    public static final String ID_COLUMN = "vowel";
    public static final List<String> FEATURES = List.of("F1steady_state", "F2steady_state", "F3steady_state",
            "F120%", "F220%", "F320%", "F150%", "F250%", "F350%", "F180%", "F280%", "F380%");
    /** The vowel codes, in label order. */
    public static final List<String> CLASSES = List.of("ae", "ah", "aw", "er", "ih", "iy", "uw");

    private static final Pattern ID = Pattern.compile("(?:[A-Za-z]\\d+)?([A-Za-z]+)");

    private HillenbrandVowels() {
    }

    /** The shipped copy, its checksum checked. */
    public static ArrayDataset shipped() throws IOException {
        byte[] bytes;
        try (InputStream in = HillenbrandVowels.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IOException("the shipped " + FILE + " is missing from the engine's classpath (a broken build?)");
            }
            bytes = in.readAllBytes();
        }
        String sum = sha256(bytes);
        if (!sum.equals(SHA256)) {
            throw new IOException("the shipped " + FILE + " has SHA-256 " + sum + ", expected " + SHA256
                    + ": the copy was changed or damaged");
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), "the shipped " + FILE);
    }

    /**
     * A CSV of the same form from {@code path}: a file, or a folder holding {@value #FILE}.
     * Errors name the file, the line and what was expected.
     */
    public static ArrayDataset read(Path path) throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve(FILE) : path;
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist" + (Files.isDirectory(path) ? " (looked for " + FILE + " in the folder " + path + ")" : ""));
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses the CSV text; {@code source} names it in errors. */
    static ArrayDataset parse(String text, String source) throws IOException {
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new IOException(source + ": empty, expected a header line with " + ID_COLUMN + " and " + FEATURES);
        }
        String[] header = lines[0].strip().split(",", -1);
        int idCol = -1;
        int[] featureCol = new int[FEATURES.size()];
        java.util.Arrays.fill(featureCol, -1);
        for (int c = 0; c < header.length; c++) {
            String h = header[c].strip();
            int f = FEATURES.indexOf(h);
            if (h.equals(ID_COLUMN)) {
                idCol = c;
            } else if (f >= 0) {
                if (featureCol[f] >= 0) {
                    throw new IOException(source + ": column " + h + " appears twice in the header");
                }
                featureCol[f] = c;
            } else {
                throw new IOException(source + ": unexpected column '" + h + "' in the header; expected " + ID_COLUMN + " and " + FEATURES);
            }
        }
        if (idCol < 0) {
            throw new IOException(source + ": missing column '" + ID_COLUMN + "' (speaker and vowel code, e.g. w01ae) in the header");
        }
        for (int f = 0; f < FEATURES.size(); f++) {
            if (featureCol[f] < 0) {
                throw new IOException(source + ": missing column '" + FEATURES.get(f) + "' in the header; expected " + ID_COLUMN
                        + " and " + FEATURES);
            }
        }
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int l = 1; l < lines.length; l++) {
            String line = lines[l].strip();
            if (line.isEmpty()) {
                continue; // a trailing newline
            }
            String where = source + ", line " + (l + 1);
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                throw new IOException(where + ": " + cells.length + " values, expected " + header.length + " as in the header");
            }
            String id = cells[idCol].strip();
            Matcher m = ID.matcher(id);
            int label = m.matches() ? CLASSES.indexOf(m.group(1).toLowerCase(java.util.Locale.ROOT)) : -1;
            if (label < 0) {
                throw new IOException(where + ": unknown class in id '" + id + "'; expected an optional speaker tag (e.g. w01) and one of "
                        + CLASSES);
            }
            float[] x = new float[FEATURES.size()];
            for (int f = 0; f < x.length; f++) {
                String cell = cells[featureCol[f]].strip();
                double v;
                try {
                    v = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    throw new IOException(where + ": " + FEATURES.get(f) + " is '" + cell + "', expected a number (Hz)");
                }
                if (!Double.isFinite(v)) {
                    throw new IOException(where + ": " + FEATURES.get(f) + " is " + cell + ", expected a finite number (Hz)");
                }
                x[f] = (float) v;
            }
            rows.add(x);
            labels.add(label);
        }
        if (rows.isEmpty()) {
            throw new IOException(source + ": a header and no rows");
        }
        int n = rows.size();
        float[] inputs = new float[n * FEATURES.size()];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows.get(i), 0, inputs, i * FEATURES.size(), FEATURES.size());
            y[i] = labels.get(i);
        }
        return ArrayDataset.classification(inputs, FEATURES.size(), y, CLASSES.size());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
