package org.patengine.engine.experiment;

import java.io.IOException;
import java.util.List;

import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.data.AugmentedImages;
import org.patengine.engine.data.Dataset;
import org.patengine.engine.data.ImageAugmentation;
import org.patengine.engine.data.Splits;

/**
 * An experiment's data: [train, validation, test] of its dataset ({@link DatasetCatalog}) in its
 * architecture's {@link InputForm} ({@link Architecture#form}): 14×14 by stride 2 for the MNIST
 * oscillator network, 16 patches of 7×7 for the Fashion-MNIST patch network; training images are
 * augmented as the configuration says. The validation set is a seeded hold-out of the training
 * set; the test set is only used for the final report.
 */
public final class ExperimentData {
    private ExperimentData() {
    }

    /** Why the dataset's samples do not fit the architecture, with the architectures that take them. */
    static String mismatch(DatasetEntry entry, Architecture a) {
        List<String> fitting = Architectures.entries().stream().filter(entry::fits).map(Architecture::name).toList();
        return "architecture " + a.name() + " takes " + a.takesDescription() + ", but dataset " + entry.name() + " has "
                + (entry.images() ? entry.samples() : entry.features() + " features (" + entry.samples() + ")")
                + "; architectures for it: " + fitting;
    }

    /**
     * [train, validation, test] for the configuration. With an augmentation, the training set is
     * {@link AugmentedImages} (drawn afresh each epoch); validation and test are never augmented.
     */
    public static Dataset[] load(ExperimentConfig c) throws IOException {
        DatasetEntry entry = DatasetCatalog.named(c.dataset());
        InputForm form = Architectures.inputForm(c.architecture());
        ImageAugmentation augmentation = ImageAugmentation.named(c.augmentation());
        Architecture architecture = Architectures.named(c.architecture());
        if (!entry.fits(architecture)) {
            throw new IllegalArgumentException(mismatch(entry, architecture));
        }
        if (!entry.images() && !augmentation.isIdentity()) {
            throw new IllegalArgumentException("augmentation " + c.augmentation() + " transforms images; dataset " + c.dataset()
                    + " has " + entry.samples() + ": use augmentation none");
        }
        ArrayDataset[] raw = entry.loader().load(c.data(), c.seed());
        ArrayDataset all = raw[0];
        if (all.classCount() != entry.classes() || raw[1].classCount() != entry.classes()) {
            throw new IllegalStateException("dataset " + entry.name() + ": its loader gave " + all.classCount() + " and "
                    + raw[1].classCount() + " classes, its catalog entry says " + entry.classes());
        }
        ArrayDataset test = entry.images() ? form.fromRawImages(raw[1]) : raw[1];
        if (c.validation() >= all.size()) {
            throw new IllegalArgumentException("validation = " + c.validation() + " leaves no training samples (the training set has "
                    + all.size() + ")");
        }
        ArrayDataset[] split = c.validation() == 0 ? new ArrayDataset[] {all, null}
                : entry.stratified() ? Splits.stratifiedHoldOut(all, c.validation(), c.seed() ^ 0x5EED)
                : Splits.holdOut(all, c.validation(), c.seed() ^ 0x5EED);
        ArrayDataset train = split[0];
        // more than there are would quietly train (or test) on fewer than asked
        if (c.trainSamples() > train.size()) {
            throw new IllegalArgumentException("trainSamples = " + c.trainSamples() + " but " + entry.name() + " has "
                    + train.size() + " training samples" + (c.validation() > 0 ? " after the validation's " + c.validation() : "")
                    + ": give at most " + train.size() + " (0: all)");
        }
        if (c.testSamples() > test.size()) {
            throw new IllegalArgumentException("testSamples = " + c.testSamples() + " but " + entry.name() + " has "
                    + test.size() + " test samples: give at most " + test.size() + " (0: all)");
        }
        if (c.trainSamples() > 0 && c.trainSamples() < train.size()) {
            train = train.head(c.trainSamples());
        }
        if (c.testSamples() > 0 && c.testSamples() < test.size()) {
            test = test.head(c.testSamples());
        }
        if (!form.fromImages()) {
            return entry.scaling().apply(train, split[1], test);
        }
        Dataset trainSet = augmentation.isIdentity() ? form.fromRawImages(train)
                : new AugmentedImages(train, InputForm.IMAGE_SIDE, form, augmentation, c.seed() * 0x2545F491L + 7);
        return new Dataset[] {trainSet, split[1] == null ? null : form.fromRawImages(split[1]), test};
    }
}
