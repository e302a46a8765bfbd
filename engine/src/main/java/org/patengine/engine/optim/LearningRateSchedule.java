package org.patengine.engine.optim;

/** The learning rate as a function of the epoch (counted from 0). */
@FunctionalInterface
public interface LearningRateSchedule {

    float rate(int epoch);

    /** The same rate every epoch. */
    static LearningRateSchedule constant(float rate) {
        return new StepSchedule(rate, 1f, Integer.MAX_VALUE);
    }
}
