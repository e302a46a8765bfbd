package org.patengine.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HillenbrandVowelsTest {
    private static final String HEADER = "vowel,F1steady_state,F2steady_state,F3steady_state,F120%,F220%,F320%,F150%,F250%,F350%,"
            + "F180%,F280%,F380%";

    @Test
    void shippedCopyHasTheKnownShapeAndFirstRow() throws IOException {
        ArrayDataset d = HillenbrandVowels.shipped();
        assertEquals(259, d.size());
        assertEquals(12, d.inputSize());
        assertEquals(7, d.classCount());
        int[] counts = new int[7];
        for (int label : d.labels()) {
            counts[label]++;
        }
        assertArrayEquals(new int[] {37, 37, 37, 37, 37, 37, 37}, counts);
        // w01ae,678,2293,2861,681,2295,2868,711,2160,2867,705,1968,2906
        assertArrayEquals(new float[] {678, 2293, 2861, 681, 2295, 2868, 711, 2160, 2867, 705, 1968, 2906},
                java.util.Arrays.copyOf(d.inputs(), 12));
        assertEquals(HillenbrandVowels.CLASSES.indexOf("ae"), d.label(0));
    }

    @Test
    void aUserFileInAnyColumnOrderReadsTheSame(@TempDir Path dir) throws IOException {
        String[] h = HEADER.split(",");
        // the id column last, the features reversed
        StringBuilder text = new StringBuilder();
        for (int c = h.length - 1; c >= 1; c--) {
            text.append(h[c]).append(',');
        }
        text.append("vowel\n");
        text.append("12,11,10,9,8,7,6,5,4,3,2,1,uw\n");
        text.append("1,1,1,1,1,1,1,1,1,1,1,1.5,w7ih\n");
        Path f = dir.resolve("mine.csv");
        Files.writeString(f, text);
        ArrayDataset d = HillenbrandVowels.read(f);
        assertEquals(2, d.size());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, java.util.Arrays.copyOf(d.inputs(), 12));
        assertEquals(HillenbrandVowels.CLASSES.indexOf("uw"), d.label(0));
        assertEquals(HillenbrandVowels.CLASSES.indexOf("ih"), d.label(1));
        assertEquals(1.5f, d.inputs()[12]);
        // a folder holding the shipped name is read too
        Files.writeString(dir.resolve(HillenbrandVowels.FILE), text);
        assertEquals(2, HillenbrandVowels.read(dir).size());
    }

    @Test
    void badFilesGetErrorsNamingWhatWasWrong(@TempDir Path dir) throws IOException {
        String row = "w01ae,678,2293,2861,681,2295,2868,711,2160,2867,705,1968,2906";
        assertError(dir, HEADER.replace(",F380%", "") + "\n" + row.substring(0, row.lastIndexOf(',')), "missing column 'F380%'");
        assertError(dir, HEADER.replace("vowel,", "id,") + "\n" + row, "unexpected column 'id'");
        assertError(dir, HEADER + "\n" + row.replace("2293", "2x93"), "line 2: F2steady_state is '2x93', expected a number");
        assertError(dir, HEADER + "\n" + row.replace("w01ae", "w01oo"), "line 2: unknown class in id 'w01oo'");
        assertError(dir, HEADER + "\n" + row + "\n" + row.substring(0, row.lastIndexOf(',')), "line 3: 12 values, expected 13");
        assertError(dir, HEADER + "\n", "a header and no rows");
        assertError(dir, "", "empty");
        assertError(dir, HEADER + "\n" + row.replace("678", "NaN"), "expected a finite number");
        IOException e = assertThrows(IOException.class, () -> HillenbrandVowels.read(dir.resolve("absent.csv")));
        assertTrue(e.getMessage().contains("absent.csv does not exist"), e.getMessage());
    }

    @Test
    void checksumIsTheSourcesAndDetectsAChange() throws IOException {
        byte[] bytes;
        try (var in = HillenbrandVowels.class.getResourceAsStream(HillenbrandVowels.FILE)) {
            bytes = in.readAllBytes();
        }
        assertEquals(HillenbrandVowels.SHA256, HillenbrandVowels.sha256(bytes));
        bytes[bytes.length - 1] ^= 1;
        assertTrue(!HillenbrandVowels.SHA256.equals(HillenbrandVowels.sha256(bytes)));
    }

    private static void assertError(Path dir, String text, String expected) throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, text);
        IOException e = assertThrows(IOException.class, () -> HillenbrandVowels.read(f), text);
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains("bad.csv"), e.getMessage());
    }
}
