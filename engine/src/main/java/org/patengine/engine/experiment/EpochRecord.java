package org.patengine.engine.experiment;

import org.patengine.engine.train.EpochResult;
import org.patengine.engine.train.Evaluation;

/**
 * One line of a run's metrics: the training epoch and its validation measured on the physical
 * system (deployment) and on the digital model.
 *
 * @param epoch             1-based epoch number
 * @param learningRate      the rate used in this epoch
 * @param trainLoss         mean training loss (on the mode's forward pass)
 * @param trainAcc          training accuracy (on the mode's forward pass, before each update; NaN for fd and spsa)
 * @param valPhysicalLoss   validation loss on the physical system
 * @param valPhysicalAcc    validation accuracy on the physical system
 * @param valModelLoss      validation loss on the digital model
 * @param valModelAcc       validation accuracy on the digital model
 * @param valAgreement      fraction of validation samples with the same predicted class both ways
 * @param samplesPerSecond  training throughput of this epoch
 * @param epochSeconds      wall time of the training part of this epoch
 * @param physicalCalls     forward calls the training steps made to the physical systems (measured; the
 *                          validation's are not counted); 0 in the metrics of runs older than the count
 * @param physicalSamples   samples those calls carried
 * @param physicalUpdates   calls among them whose θ differed from the previous call's
 * @param apparatusSeconds  what those would take on the configured apparatus
 *                          ({@link org.patengine.sim.ApparatusLatency}; 0 without one)
 */
public record EpochRecord(int epoch, double learningRate, double trainLoss, double trainAcc,
                          double valPhysicalLoss, double valPhysicalAcc,
                          double valModelLoss, double valModelAcc, double valAgreement,
                          double samplesPerSecond, double epochSeconds, long physicalCalls, long physicalSamples,
                          long physicalUpdates, double apparatusSeconds) {

    /** The record of the {@code epoch}-th epoch: its training, its measurement, and the training's wall time. */
    static EpochRecord of(int epoch, EpochResult training, Evaluation measured, double seconds,
                          org.patengine.sim.ApparatusLatency latency) {
        return new EpochRecord(epoch, training.learningRate(), training.meanLoss(), training.accuracy(), measured.physicalLoss(),
                measured.physicalAccuracy(), measured.modelLoss(), measured.modelAccuracy(), measured.agreement(),
                training.samples() / seconds, seconds, training.physicalCalls(), training.physicalSamples(),
                training.physicalUpdates(), latency.seconds(training.physicalCalls(), training.physicalSamples(), training.physicalUpdates()));
    }

    static final String CSV_HEADER = "epoch,learning_rate,train_loss,train_acc,val_physical_loss,val_physical_acc,"
            + "val_model_loss,val_model_acc,val_agreement,samples_per_second,epoch_seconds,physical_calls,physical_samples,physical_updates,apparatus_seconds";

    String csv() {
        return String.format(java.util.Locale.ROOT, "%d,%.6g,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.1f,%.3f,%d,%d,%d,%.3f",
                epoch, learningRate, trainLoss, trainAcc, valPhysicalLoss, valPhysicalAcc, valModelLoss, valModelAcc,
                valAgreement, samplesPerSecond, epochSeconds, physicalCalls, physicalSamples, physicalUpdates,
                apparatusSeconds);
    }
}
