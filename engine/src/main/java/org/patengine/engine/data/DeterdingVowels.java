package org.patengine.engine.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Deterding vowels (recorded by D. H. Deterding, 1989; T. Robinson's CMU benchmark): the 11
 * steady-state vowels of British English in h_d words, 6 utterances of each by each of 15
 * speakers, 990 rows of log-area ratios from an LPC analysis; the classical speaker-independent
 * split trains on the first 8 speakers (528 rows) and tests on the other 7 (462).
 *
 * <p>Read from R's {@code mlbench} package's {@code Vowel.rda} (Debian's {@code r-cran-mlbench},
 * fetched by {@code scripts/fetch-data.sh deterding}; {@link RDataReader} reads it), a data frame
 * {@value #OBJECT} of 990 rows and the columns {@code V1}, …, {@code V10}, {@code Class}. Its
 * documentation calls them "10 independent variables, one nominal", but the nominal one,
 * {@code V1}, is the speaker: a factor of the 15 levels "0" … "14", constant over runs of 66 rows
 * (6 repetitions × 11 vowels) in that order. The UCI original ({@code vowel-context.data}: train/test
 * flag, speaker, sex, 10 features, class) has 10 features; this copy keeps 9 of them. Which one is
 * gone shows in the copy of Hastie, Tibshirani and Friedman's <i>Elements of Statistical Learning</i>
 * ({@code vowel.train} and {@code vowel.test}, the same split; its features are
 * {@code x.1} … {@code x.10}): its row 1 is −3.639, 0.418, −0.67, 1.779, …, −0.814, this file's
 * {@code V2} … {@code V10} are −3.639, −0.67, 1.779, …, −0.814, and its row 528 (class 11) is
 * −4.261, 1.827, −0.482, … while this file's row 528 is −4.261, −0.482, …: {@code V2} is
 * {@code x.1}, {@code V3} … {@code V10} are {@code x.3} … {@code x.10}, {@code x.2} is missing.
 * The same row 528 ends ESL's training set and is this file's last row of speaker "7", and ESL's
 * first test row (−1.149, −0.904, −1.988, 0.739, …) is this file's row 529 (−1.149, −1.988, 0.739,
 * …), the first of speaker "8"; so the classical split is speakers 0-7 against 8-14, which this class splits by the {@code V1} level
 * (not by row number): 48 rows per vowel for training, 42 for the test. {@code Class} is a factor of
 * the 11 vowels {@link #CLASSES}, cycling through them row by row; the label is the level's index.
 *
 * <p>The copy in the data cache (the fetched one) has its SHA-256 checked on every load; a file
 * the user names is read without (another mlbench build may compress the same data differently)
 * but is held to the same columns, levels and speakers.
 */
public final class DeterdingVowels {
    /** The file's name, also looked for in a folder given as the data. */
    public static final String FILE = "Vowel.rda";
    /** The SHA-256 of {@code mlbench/data/Vowel.rda} in Debian's {@code r-cran-mlbench} 2.1-3-1. */
    public static final String SHA256 = "6577f9ca304153797ec7621d79020b010d160c425da2007639b9e6a2b23fb127";
    /** The command that puts the file into the data cache. */
    public static final String FETCH = "scripts/fetch-data.sh deterding";

    /** The data frame's name in the file. */
    public static final String OBJECT = "Vowel";
    public static final String SPEAKER_COLUMN = "V1";
    public static final String CLASS_COLUMN = "Class";
    /** The feature columns: the original features x.1 and x.3 … x.10 (x.2 is not in this copy). */
    public static final List<String> FEATURES = List.of("V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9", "V10");
    /** The vowels, in label order: the {@code Class} factor's levels (the words h_d with the vowel's code). */
    public static final List<String> CLASSES = List.of("hid", "hId", "hEd", "hAd", "hYd", "had", "hOd", "hod", "hUd", "hud", "hed");
    /** The speakers are "0" … "14"; those below this one are the training speakers. */
    public static final int TRAIN_SPEAKERS = 8;
    public static final int SPEAKERS = 15;

    private DeterdingVowels() {
    }

    /**
     * [train (speakers 0-7, 528 rows), test (speakers 8-14, 462 rows)] from {@code path}: a
     * {@value #FILE} or a folder holding it; {@code checksum}: whether its SHA-256 must be
     * {@link #SHA256} (the data cache's copy).
     */
    public static ArrayDataset[] read(Path path, boolean checksum) throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve(FILE) : path;
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist" + (Files.isDirectory(path) ? " (looked for " + FILE + " in the folder " + path + ")" : ""));
        }
        byte[] bytes = Files.readAllBytes(file);
        if (checksum) {
            String sum = HillenbrandVowels.sha256(bytes);
            if (!sum.equals(SHA256)) {
                throw new IOException(file + " has SHA-256 " + sum + ", expected " + SHA256 + " (r-cran-mlbench 2.1-3-1's): the copy"
                        + " was changed or damaged; delete it and run " + FETCH);
            }
        }
        return split(RDataReader.read(bytes, file.toString()), file.toString());
    }

    /** The speaker-independent split of the file's objects; {@code source} names the file in errors. */
    static ArrayDataset[] split(Map<String, RDataReader.Value> objects, String source) throws IOException {
        RDataReader.DataFrame df = RDataReader.dataFrame(objects, OBJECT, source);
        RDataReader.Factor vowel = df.factor(CLASS_COLUMN);
        if (!vowel.levels().equals(CLASSES)) {
            throw new IOException(df.source() + ": the levels of '" + CLASS_COLUMN + "' are " + vowel.levels() + ", expected " + CLASSES);
        }
        RDataReader.Factor speaker = df.factor(SPEAKER_COLUMN);
        int[] speakerOf = new int[speaker.levels().size()];
        for (int l = 0; l < speakerOf.length; l++) {
            String level = speaker.levels().get(l);
            try {
                speakerOf[l] = Integer.parseInt(level);
            } catch (NumberFormatException e) {
                speakerOf[l] = -1;
            }
            if (speakerOf[l] < 0 || speakerOf[l] >= SPEAKERS) {
                throw new IOException(df.source() + ": speaker level '" + level + "' of '" + SPEAKER_COLUMN + "' is not one of 0 … "
                        + (SPEAKERS - 1));
            }
        }
        double[][] features = new double[FEATURES.size()][];
        for (int f = 0; f < features.length; f++) {
            features[f] = df.numeric(FEATURES.get(f));
        }
        int n = df.rows();
        int train = 0;
        for (int i = 0; i < n; i++) {
            if (speaker.codes()[i] < 0) {
                throw new IOException(df.source() + ": '" + SPEAKER_COLUMN + "' is NA in row " + (i + 1) + ", expected a speaker");
            }
            if (vowel.codes()[i] < 0) {
                throw new IOException(df.source() + ": '" + CLASS_COLUMN + "' is NA in row " + (i + 1) + ", expected a vowel");
            }
            for (int f = 0; f < features.length; f++) {
                if (!Double.isFinite(features[f][i])) {
                    throw new IOException(df.source() + ": '" + FEATURES.get(f) + "' is " + features[f][i] + " in row " + (i + 1)
                            + ", expected a finite number");
                }
            }
            if (speakerOf[speaker.codes()[i]] < TRAIN_SPEAKERS) {
                train++;
            }
        }
        if (train == 0 || train == n) {
            throw new IOException(df.source() + ": " + (train == 0 ? "no rows of the training speakers 0-" + (TRAIN_SPEAKERS - 1)
                    : "no rows of the test speakers " + TRAIN_SPEAKERS + "-" + (SPEAKERS - 1)));
        }
        int d = FEATURES.size();
        float[][] x = {new float[train * d], new float[(n - train) * d]};
        int[][] y = {new int[train], new int[n - train]};
        int[] at = new int[2];
        for (int i = 0; i < n; i++) {
            int part = speakerOf[speaker.codes()[i]] < TRAIN_SPEAKERS ? 0 : 1;
            int r = at[part]++;
            for (int f = 0; f < d; f++) {
                x[part][r * d + f] = (float) features[f][i];
            }
            y[part][r] = vowel.codes()[i];
        }
        return new ArrayDataset[] {ArrayDataset.classification(x[0], d, y[0], CLASSES.size()),
            ArrayDataset.classification(x[1], d, y[1], CLASSES.size())};
    }
}
