package org.patengine.engine.train;

/**
 * One training epoch: its index, the learning rate used, the number of optimizer steps and the
 * mean training loss and accuracy (measured on the forward pass of the mode before each update,
 * weighted by batch size; the accuracy is NaN without labels and for the black-box modes), and the
 * forward calls the steps made to the physical systems and the samples those carried (measured,
 * {@link org.patengine.engine.network.Network#physicalCalls}; 0 for insilico) and the parameter
 * updates among them.
 */
public record EpochResult(int epoch, float learningRate, int steps, int samples, double meanLoss, double accuracy,
                          long physicalCalls, long physicalSamples, long physicalUpdates) {
}
