package org.patengine.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Deterding vowels from the fetched {@code Vowel.rda} (skipped when it is not in the data
 * cache, failing then under {@code -Dpat.requireData=deterding}, as CI runs).
 */
class DeterdingVowelsTest {
    @TempDir
    Path dir;

    @Test
    void theFileIsADataFrameOf990RowsSpeakerClassAndNineFeatures() throws IOException {
        Path file = TestData.deterdingOrSkip();
        assertEquals(DeterdingVowels.SHA256, HillenbrandVowels.sha256(Files.readAllBytes(file)));
        Map<String, RDataReader.Value> objects = RDataReader.read(file);
        assertEquals(List.of("Vowel"), List.copyOf(objects.keySet()));
        RDataReader.DataFrame df = RDataReader.dataFrame(objects, DeterdingVowels.OBJECT, file.toString());
        assertEquals(990, df.rows());
        assertEquals(List.of("V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9", "V10", "Class"), df.names());
        // V1 is the speaker: levels "0" … "14", in runs of 66 rows (6 repetitions × 11 vowels) in order
        RDataReader.Factor speaker = df.factor("V1");
        assertEquals(15, speaker.levels().size());
        for (int i = 0; i < 990; i++) {
            assertEquals(String.valueOf(i / 66), speaker.levels().get(speaker.codes()[i]), "speaker of row " + (i + 1));
        }
        // Class: the 11 vowels, cycling row by row, 90 of each
        RDataReader.Factor vowel = df.factor("Class");
        assertEquals(DeterdingVowels.CLASSES, vowel.levels());
        int[] counts = new int[11];
        for (int i = 0; i < 990; i++) {
            assertEquals(i % 11, vowel.codes()[i], "vowel of row " + (i + 1));
            counts[vowel.codes()[i]]++;
        }
        int[] ninety = new int[11];
        Arrays.fill(ninety, 90);
        assertArrayEquals(ninety, counts);
        // row 1 is ESL's vowel.train row 1 without x.2 (0.418); row 528 its last row without x.2 (1.827)
        assertEquals(-3.639, df.numeric("V2")[0]);
        assertEquals(-0.67, df.numeric("V3")[0]);
        assertEquals(-0.814, df.numeric("V10")[0]);
        assertEquals(-4.261, df.numeric("V2")[527]);
        assertEquals(-0.482, df.numeric("V3")[527]);
        assertEquals(0.321, df.numeric("V10")[527]);
        assertEquals("7", speaker.levels().get(speaker.codes()[527]));
        assertEquals("8", speaker.levels().get(speaker.codes()[528]));
        // and row 529 ESL's vowel.test row 1 without x.2 (-0.904)
        assertEquals(-1.149, df.numeric("V2")[528]);
        assertEquals(-1.988, df.numeric("V3")[528]);
        assertEquals(-0.467, df.numeric("V10")[528]);
    }

    @Test
    void theSplitIsBySpeaker528TrainAnd462TestWithEveryVowelBalanced() throws IOException {
        ArrayDataset[] d = DeterdingVowels.read(TestData.deterdingOrSkip(), true);
        assertEquals(528, d[0].size());
        assertEquals(462, d[1].size());
        for (ArrayDataset part : d) {
            assertEquals(9, part.inputSize());
            assertEquals(11, part.classCount());
        }
        int[][] counts = new int[2][11];
        for (int p = 0; p < 2; p++) {
            for (int label : d[p].labels()) {
                counts[p][label]++;
            }
        }
        int[] train = new int[11];
        int[] test = new int[11];
        Arrays.fill(train, 48);
        Arrays.fill(test, 42);
        assertArrayEquals(train, counts[0]);
        assertArrayEquals(test, counts[1]);
        assertArrayEquals(new float[] {-3.639f, -0.67f, 1.779f, -0.168f, 1.627f, -0.388f, 0.529f, -0.874f, -0.814f},
                Arrays.copyOf(d[0].inputs(), 9));
        assertEquals(DeterdingVowels.CLASSES.indexOf("hid"), d[0].label(0));
        // the test set's first row is speaker 8's hid (ESL's vowel.test row 1 without x.2)
        assertEquals(-1.149f, d[1].inputs()[0]);
        assertEquals(0, d[1].label(0));
        // a folder holding the file reads the same
        Files.copy(TestData.deterdingOrSkip(), dir.resolve(DeterdingVowels.FILE));
        assertEquals(528, DeterdingVowels.read(dir, true)[0].size());
    }

    @Test
    void aChangedCopyFailsTheChecksumAndAMissingOneNamesThePath() throws IOException {
        byte[] bytes = Files.readAllBytes(TestData.deterdingOrSkip());
        bytes[bytes.length / 2] ^= 1;
        Path changed = dir.resolve(DeterdingVowels.FILE);
        Files.write(changed, bytes);
        IOException e = assertThrows(IOException.class, () -> DeterdingVowels.read(changed, true));
        assertTrue(e.getMessage().contains("expected " + DeterdingVowels.SHA256) && e.getMessage().contains(DeterdingVowels.FETCH),
                e.getMessage());
        // without the checksum the damage shows in the xz stream (its CRC)
        IOException corrupt = assertThrows(IOException.class, () -> DeterdingVowels.read(changed, false));
        assertTrue(corrupt.getMessage().contains(changed.toString()), corrupt.getMessage());
        IOException missing = assertThrows(IOException.class, () -> DeterdingVowels.read(dir.resolve("empty"), false));
        assertTrue(missing.getMessage().contains("empty does not exist"), missing.getMessage());
        Files.createDirectories(dir.resolve("folder"));
        IOException inFolder = assertThrows(IOException.class, () -> DeterdingVowels.read(dir.resolve("folder"), false));
        assertTrue(inFolder.getMessage().contains("looked for Vowel.rda in the folder"), inFolder.getMessage());
    }

    @Test
    void aFileWithoutTheExpectedColumnsIsRefusedNamingThem() throws IOException {
        // RDataReaderTest's small data frame saved as "Vowel": no V1, no Class
        byte[] raw = RDataReaderTest.dataFrame(2);
        byte[] renamed = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).replaceFirst("\u0000\u0000\u0000\u0002df",
                "\u0000\u0000\u0000\u0005Vowel").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path f = dir.resolve("other.rda");
        Files.write(f, RDataReaderTest.xz(renamed));
        IOException e = assertThrows(IOException.class, () -> DeterdingVowels.read(f, false));
        assertTrue(e.getMessage().contains("other.rda (Vowel): no column 'Class'; its columns are [x, f, s]"), e.getMessage());
    }
}
