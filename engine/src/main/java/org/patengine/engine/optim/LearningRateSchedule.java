package org.patengine.engine.optim;

/** The learning rate as a function of the epoch (counted from 0), or of the optimizer step. */
@FunctionalInterface
public interface LearningRateSchedule {

    float rate(int epoch);

    /** The rate of optimizer step {@code step} (counted from 0 over the run) in {@code epoch}; by default the epoch's. */
    default float rate(int epoch, long step) {
        return rate(epoch);
    }

    /** The same rate every epoch. */
    static LearningRateSchedule constant(float rate) {
        return new StepSchedule(rate, 1f, Integer.MAX_VALUE);
    }
}
