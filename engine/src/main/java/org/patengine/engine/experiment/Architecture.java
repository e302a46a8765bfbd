package org.patengine.engine.experiment;

import org.patengine.engine.network.Network;

/**
 * One network an experiment can train, as an entry of {@link Architectures}: everything about it
 * in one place, the way {@code TrainingMode} carries everything about a mode.
 *
 * @param name      the name a configuration's {@code architecture} field uses
 * @param summary   one line for the help text, e.g. "14x14 MNIST network"
 * @param system    the {@link SystemCatalog} name of the physical system its layers are made of
 * @param inputSize values per sample it takes
 * @param form      how the dataset catalog prepares its samples (images or features)
 * @param layers    appends everything after the input for a number of classes
 */
public record Architecture(String name, String summary, String system, int inputSize, InputForm form, Layers layers) {

    public Architecture {
        if (inputSize < 1) {
            throw new IllegalArgumentException("architecture " + name + ": inputSize must be >= 1, was " + inputSize);
        }
    }

    /** Appends an architecture's layers to a builder of {@link #inputSize} inputs. */
    @FunctionalInterface
    public interface Layers {
        /**
         * Appends the layers for {@code classes} classes, the physical ones made by {@code system};
         * refuses a class count the network cannot read out.
         */
        void append(Network.Builder b, int classes, SystemEntry.Layers system);
    }
}
