package org.patengine.engine.experiment;

import org.patengine.engine.network.Network;

/**
 * One network an experiment can train, as an entry of {@link Architectures}: everything about it
 * in one place, the way {@code TrainingMode} carries everything about a mode.
 *
 * @param name         the name a configuration's {@code architecture} field uses
 * @param summary      one line for the help text, e.g. "14x14 MNIST network"
 * @param system       the {@link SystemCatalog} name of the physical system its layers are made of
 *                     ({@code digital} for a network of digital layers only)
 * @param inputSize    values per sample it takes; {@link #ANY_FEATURES} for a network of features
 *                     that takes as many as its dataset has (vowels-shg, vowels-mlp)
 * @param form         how the dataset catalog prepares its samples (images or features)
 * @param defaultDepth its number of physical layers when the configuration's {@code depth} is 0;
 *                     0 for a network of fixed depth, which refuses any other
 * @param layers       appends everything after the input for a number of classes and a depth
 */
public record Architecture(String name, String summary, String system, int inputSize, InputForm form, int defaultDepth,
                           Layers layers) {

    /** The deepest network a depth may ask for. */
    public static final int MAX_DEPTH = 32;

    /** The {@link #inputSize} of a feature network built for its dataset's feature count. */
    public static final int ANY_FEATURES = 0;

    public Architecture {
        if (inputSize < 1 && !(inputSize == ANY_FEATURES && !form.fromImages())) {
            throw new IllegalArgumentException("architecture " + name + ": inputSize must be >= 1 (or " + ANY_FEATURES
                    + ", any number of features, for a feature network), was " + inputSize);
        }
        if (defaultDepth < 0 || defaultDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("architecture " + name + ": defaultDepth must be in [0, " + MAX_DEPTH + "], was "
                    + defaultDepth);
        }
    }

    /** A network of fixed depth. */
    public Architecture(String name, String summary, String system, int inputSize, InputForm form, Fixed layers) {
        this(name, summary, system, inputSize, form, 0, (b, classes, depth, physical) -> layers.append(b, classes, physical));
    }

    /** Whether it takes samples of {@code n} values: its {@link #inputSize}, or any number of features. */
    public boolean takes(int n) {
        return inputSize == ANY_FEATURES ? n >= 1 : n == inputSize;
    }

    /**
     * The inputs of the network built for samples of {@code n} values ({@code n} = 0: its own
     * {@link #inputSize}, which a network of any feature count does not have); a count it does not
     * take is an error naming both.
     */
    public int inputsFor(int n) {
        if (n == 0) {
            if (inputSize == ANY_FEATURES) {
                throw new IllegalArgumentException("architecture " + name + " takes any number of features: name how many");
            }
            return inputSize;
        }
        if (!takes(n)) {
            throw new IllegalArgumentException("architecture " + name + " takes " + inputSize + " inputs, not " + n);
        }
        return n;
    }

    /** What its samples are, for messages: "14x14 images (…)", "2 features (feature vectors)", "any number of features (…)". */
    public String takesDescription() {
        if (form.fromImages()) {
            return form.description();
        }
        return (inputSize == ANY_FEATURES ? "any number of features" : inputSize + " features") + " (" + form.description() + ")";
    }

    /** Whether a configuration may choose its depth. */
    public boolean hasDepth() {
        return defaultDepth > 0;
    }

    /**
     * The depth a configuration's {@code depth} field gives: the default for 0, else the value;
     * a depth for a fixed network, or outside [1, {@link #MAX_DEPTH}], is an error.
     */
    public int depth(int requested) {
        if (requested == 0) {
            return defaultDepth;
        }
        if (!hasDepth()) {
            throw new IllegalArgumentException("depth: architecture " + name + " has a fixed depth; leave depth at 0 (was " + requested + ")");
        }
        if (requested < 1 || requested > MAX_DEPTH) {
            throw new IllegalArgumentException("depth must be in [1, " + MAX_DEPTH + "] (0: " + name + "'s default, " + defaultDepth
                    + "), was " + requested);
        }
        return requested;
    }

    /** Appends an architecture's layers to a builder of {@link #inputSize} inputs. */
    @FunctionalInterface
    public interface Layers {
        /**
         * Appends the layers for {@code classes} classes and {@code depth} physical layers (0 for
         * a fixed network), the physical ones made by {@code system}; refuses a class count the
         * network cannot read out.
         */
        void append(Network.Builder b, int classes, int depth, SystemEntry.Layers system);
    }

    /** The layers of a network of fixed depth. */
    @FunctionalInterface
    public interface Fixed {
        void append(Network.Builder b, int classes, SystemEntry.Layers system);
    }
}
