package org.patengine.engine.experiment;

import org.patengine.engine.report.ConfusionMatrix;
import org.patengine.engine.train.Evaluation;

/**
 * The final report of a run, written to {@code summary.json}: what was trained, how fast, which
 * epoch was reported and its test figures on the physical system and on the digital model.
 *
 * @param selectedEpoch          the epoch whose parameters were measured on the test set ({@link BestEpoch})
 * @param selectedValPhysicalAcc that epoch's validation accuracy on the physical system
 * @param meanEpochSeconds       mean wall time of the training part of an epoch
 * @param samplesPerSecond       training samples over all epochs per second of training
 * @param confusion              test set on the physical system: [true class][predicted class]
 * @param gradientFidelity       on the test set at the selected parameters: the mean cosine between the gradient of
 *                               the parameters up to the last physical layer through the digital models and through
 *                               the hardware's exact VJPs at the same physical forward ({@link org.patengine.engine.grad.GradientFidelity}); null
 *                               where a physical system has no exact model (an external device)
 */
public record RunSummary(ExperimentConfig config, String runDir, int epochs, int trainSamples,
                         int validationSamples, int testSamples, String backend, String network,
                         int parameters, double meanEpochSeconds, double samplesPerSecond,
                         int selectedEpoch, double selectedValPhysicalAcc,
                         double testPhysicalAcc, double testModelAcc, double testAgreement,
                         double testPhysicalLoss, double testModelLoss, long[][] confusion,
                         Double gradientFidelity) {

    /** The summary of a finished run: its folder's epochs, the setup, the selected epoch and the test measurement. */
    static RunSummary of(ExperimentConfig c, RunFolder folder, ExperimentRunner.Setup s, Throughput throughput,
                         EpochRecord selected, Evaluation test, ConfusionMatrix cm, Double gradientFidelity) {
        int epochsDone = folder.epochs().size();
        return new RunSummary(c, folder.dir().toString(), epochsDone, s.train().size(),
                s.validation() == null ? 0 : s.validation().size(), s.test().size(), s.backend().description(),
                s.network().toString(), s.network().parameters().size(), throughput.meanEpochSeconds(epochsDone),
                throughput.samplesPerSecond(), selected.epoch(), selected.valPhysicalAcc(), test.physicalAccuracy(),
                test.modelAccuracy(), test.agreement(), test.physicalLoss(), test.modelLoss(), cm.rows(),
                gradientFidelity);
    }
}
