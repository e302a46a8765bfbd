package org.patengine.engine.experiment;

import java.io.IOException;

import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.data.FeatureScaling;

/**
 * One dataset an experiment can train on, as an entry of the {@link DatasetCatalog}.
 *
 * @param name                the name a configuration's {@code dataset} field uses
 * @param classes             the number of classes of its labels
 * @param images              whether its samples are 28×28 images (brought into the architecture's
 *                            {@link InputForm}), else feature vectors
 * @param features            values per sample of a feature dataset (0 for images): its architectures
 *                            take this many inputs
 * @param samples             what its samples are, for messages: "images", "2-D features"
 * @param defaultArchitecture the network it trains when the configuration names neither one nor a
 *                            system (on another system: {@link #defaultArchitecture(String)})
 * @param defaultAugmentation the training augmentation when none is named ({@code none} for features)
 * @param defaultValidation   samples held out for validation when the configuration names a dataset
 *                            and no number (6000 of MNIST's 60,000; 500 of a toy task's 4000)
 * @param defaultLearningRate the learning rate when the configuration names a dataset and no rate
 *                            (1e-3 for the image networks; 3e-2 for the small toy networks, whose
 *                            epochs of 110 steps would hardly move them at 1e-3)
 * @param defaultEpochs       the epochs when the configuration names a dataset and no number (10 for
 *                            the image networks; 30 for the toy tasks, whose epochs take a fraction
 *                            of a second and whose small networks on shg still move at epoch 10)
 * @param stratified          whether the validation hold-out keeps the class proportions (the small
 *                            vowel sets) rather than being a plain random draw
 * @param scaling             how feature values are scaled, fitted on the training part only
 * @param loader              reads or generates its data
 */
public record DatasetEntry(String name, int classes, boolean images, int features, String samples, String defaultArchitecture,
                           String defaultAugmentation, int defaultValidation, double defaultLearningRate,
                           int defaultEpochs, boolean stratified, FeatureScaling scaling, Loader loader) {

    public DatasetEntry {
        if (images != (features == 0)) {
            throw new IllegalArgumentException("dataset " + name + ": an image dataset has features = 0, a feature dataset > 0; was "
                    + features);
        }
    }

    /**
     * Whether the architecture takes this dataset's samples: images in any image form, features of
     * the same count (or, for a network of any feature count, of any).
     */
    public boolean fits(Architecture a) {
        return a.form().fromImages() == images && (images || a.takes(features));
    }

    /**
     * The network it trains on {@code system} when the configuration names none: its
     * {@link #defaultArchitecture()} when that is made of the system, else the first architecture of
     * the system that takes its kind of samples (the toy tasks on shg: toy-shg); null when the
     * system has none for it.
     */
    public String defaultArchitecture(String system) {
        if (system == null || Architectures.named(defaultArchitecture).system().equalsIgnoreCase(system)) {
            return defaultArchitecture;
        }
        return Architectures.entries().stream()
                .filter(a -> a.system().equalsIgnoreCase(system) && fits(a))
                .map(Architecture::name).findFirst().orElse(null);
    }

    /** Reads or generates a dataset's samples. */
    @FunctionalInterface
    public interface Loader {
        /**
         * [the whole training set, the test set], raw (images 28×28, row-major, in [0, 1]): the
         * catalog splits off validation and brings both into the architecture's form.
         *
         * @param data the configuration's data folder or file (null or blank: the data cache, or the
         *             copy the project ships)
         * @param seed the experiment seed, for generated data
         */
        ArrayDataset[] load(String data, long seed) throws IOException;
    }
}
