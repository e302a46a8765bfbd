package org.patengine.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patengine.engine.experiment.ExperimentConfig;
import org.patengine.engine.experiment.ExperimentData;

/**
 * scikit-learn's 8×8 digits: the fetched file (1,797 rows, 10 classes, pixel counts 0–16), its
 * catalog split (20 % stratified test, 150 validation, min-max scaled), and the reader's errors.
 */
class SklearnDigitsTest {

    @Test
    void theFetchedFileHas1797DigitsOfAllTenClasses() throws IOException {
        ArrayDataset d = SklearnDigits.read(TestData.digitsOrSkip(), true);
        assertEquals(1797, d.size());
        assertEquals(64, d.inputSize());
        int[] perClass = new int[10];
        float max = 0;
        float[] x = new float[64];
        for (int i = 0; i < d.size(); i++) {
            perClass[d.label(i)]++;
            d.input(i, x, 0);
            for (float v : x) {
                max = Math.max(max, v);
            }
        }
        for (int c = 0; c < 10; c++) {
            assertTrue(perClass[c] >= 174 && perClass[c] <= 183, "class " + c + ": " + perClass[c]); // 174..183 in the UCI set
        }
        assertEquals(16f, max);
        // the first row, as sklearn's load_digits gives it: a 0
        assertEquals(0, d.label(0));
        d.input(0, x, 0);
        assertEquals(5f, x[2]);
        assertEquals(13f, x[3]);
    }

    @Test
    void theCatalogSplitsOffAStratifiedTestAndValidationAndScalesThem() throws IOException {
        Path file = TestData.digitsOrSkip();
        var c = ExperimentConfig.defaults().toBuilder();
        c.data = file.toString();
        c.dataset = "digits";
        c.architecture = "digits-oscillators";
        c.validation = 150;
        c.augmentation = "none";
        var data = ExperimentData.load(c.build().validate());
        assertEquals(1797 - 359 - 150, data[0].size());
        assertEquals(150, data[1].size());
        assertEquals(359, data[2].size());
        TestData.assertMinMaxScaled(data[0], 64);
    }

    @Test
    void aDamagedFileNamesWhatIsWrong(@TempDir Path dir) throws IOException {
        Path shortRow = gz(dir.resolve("a.csv.gz"), "0,1,2\n");
        IOException e = assertThrows(IOException.class, () -> SklearnDigits.read(shortRow, false));
        assertTrue(e.getMessage().contains("row 1 has 3 values, expected 65"), e.getMessage());
        String row = "0,".repeat(64);
        Path badPixel = gz(dir.resolve("b.csv.gz"), row.replaceFirst("0", "17") + "3\n");
        e = assertThrows(IOException.class, () -> SklearnDigits.read(badPixel, false));
        assertTrue(e.getMessage().contains("row 1, value 1 is 17, expected 0..16"), e.getMessage());
        Path few = gz(dir.resolve("c.csv.gz"), row + "3\n");
        e = assertThrows(IOException.class, () -> SklearnDigits.read(few, false));
        assertTrue(e.getMessage().contains("1 rows, expected 1797"), e.getMessage());
        Path notGzip = Files.writeString(dir.resolve("d.csv.gz"), row + "3\n");
        e = assertThrows(IOException.class, () -> SklearnDigits.read(notGzip, false));
        assertTrue(e.getMessage().contains("is not gzip data"), e.getMessage());
        e = assertThrows(IOException.class, () -> SklearnDigits.read(few, true));
        assertTrue(e.getMessage().contains("has SHA-256") && e.getMessage().contains("expected " + SklearnDigits.SHA256), e.getMessage());
    }

    private static Path gz(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }
}
