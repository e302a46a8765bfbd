package org.patengine.engine.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The 8×8 handwritten digits (UCI "Optical Recognition of Handwritten Digits", test part, 1,797
 * images of 43 writers), as scikit-learn ships them in {@code sklearn/datasets/data/digits.csv.gz}:
 * one row per image, 64 pixel counts 0…16 row by row, then the digit 0…9. Debian's
 * {@code python3-sklearn} carries the file; {@code scripts/fetch-data.sh digits} extracts it.
 */
public final class SklearnDigits {
    public static final String FILE = "digits.csv.gz";
    public static final int FEATURES = 64;
    public static final int CLASSES = 10;
    public static final int ROWS = 1797;
    /** SHA-256 of the file in python3-sklearn 1.2.1+dfsg-1 (Debian 12); checked on every load from the data cache. */
    public static final String SHA256 = "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a";
    /** How the data cache gets the file. */
    public static final String FETCH = "scripts/fetch-data.sh digits";

    private SklearnDigits() {
    }

    /** Reads {@code file} (a digits.csv.gz), checking its checksum when {@code checksum}. */
    public static ArrayDataset read(Path file, boolean checksum) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist or is not a file (expected scikit-learn's " + FILE + "; " + FETCH + ")");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (checksum) {
            String got = HillenbrandVowels.sha256(bytes);
            if (!got.equals(SHA256)) {
                throw new IOException(file + " has SHA-256 " + got + ", expected " + SHA256 + " (python3-sklearn 1.2.1's); remove it and run "
                        + FETCH + " again");
            }
        }
        float[] x = new float[ROWS * FEATURES];
        int[] y = new int[ROWS];
        int row = 0;
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes));
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                if (row == ROWS) {
                    throw new IOException(file + ": more than " + ROWS + " rows");
                }
                String[] cells = line.split(",");
                if (cells.length != FEATURES + 1) {
                    throw new IOException(file + ": row " + (row + 1) + " has " + cells.length + " values, expected " + (FEATURES + 1)
                            + " (64 pixels and the digit)");
                }
                for (int f = 0; f <= FEATURES; f++) {
                    int v = parse(cells[f].trim(), file, row, f);
                    int max = f < FEATURES ? 16 : CLASSES - 1;
                    if (v < 0 || v > max) {
                        throw new IOException(file + ": row " + (row + 1) + ", value " + (f + 1) + " is " + v + ", expected 0.." + max);
                    }
                    if (f < FEATURES) {
                        x[row * FEATURES + f] = v;
                    } else {
                        y[row] = v;
                    }
                }
                row++;
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + " is not gzip data: " + e.getMessage(), e);
        }
        if (row != ROWS) {
            throw new IOException(file + ": " + row + " rows, expected " + ROWS);
        }
        return ArrayDataset.classification(x, FEATURES, y, CLASSES);
    }

    private static int parse(String cell, Path file, int row, int f) throws IOException {
        try {
            double d = Double.parseDouble(cell);
            if (d != Math.rint(d)) {
                throw new NumberFormatException();
            }
            return (int) d;
        } catch (NumberFormatException e) {
            throw new IOException(file + ": row " + (row + 1) + ", value " + (f + 1) + " is '" + cell + "', expected an integer");
        }
    }
}
