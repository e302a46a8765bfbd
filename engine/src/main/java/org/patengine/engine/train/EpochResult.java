package org.patengine.engine.train;

/**
 * One training epoch: its index, the learning rate used, the number of optimizer steps and the
 * mean training loss (measured on the forward pass of the mode, weighted by batch size).
 */
public record EpochResult(int epoch, float learningRate, int steps, int samples, double meanLoss) {
}
