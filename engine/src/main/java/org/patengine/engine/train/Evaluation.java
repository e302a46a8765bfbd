package org.patengine.engine.train;

/**
 * Accuracy and loss of a network on a dataset, measured twice: running the physical systems
 * (deployment, {@code f_p}) and running their digital models ({@code f_m}). {@code agreement} is
 * the fraction of samples whose predicted class (argmax) is the same both ways. Accuracies and
 * agreement are NaN for a dataset without labels.
 */
public record Evaluation(int samples, double physicalLoss, double physicalAccuracy,
                         double modelLoss, double modelAccuracy, double agreement) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "%d samples: physical loss %.4f acc %.2f%% | model loss %.4f acc %.2f%% | agreement %.2f%%",
                samples, physicalLoss, 100 * physicalAccuracy, modelLoss, 100 * modelAccuracy, 100 * agreement);
    }
}
