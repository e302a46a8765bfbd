package org.patengine.engine.twin;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.patengine.engine.layer.MeasuredModel;
import org.patengine.engine.loss.MeanSquaredError;
import org.patengine.engine.optim.Adam;
import org.patengine.engine.train.Trainer;
import org.patengine.engine.train.TrainingMode;
import org.patengine.sim.DifferentiableMap;
import org.patengine.sim.Stateful;

/**
 * A learned twin refined in the loop: the digital model of a PAT layer that keeps the last
 * {@code memory} measurements the layer's hardware made in training steps (x, θ and the measured y:
 * the network's own operating points, which a twin fitted to uniform draws covers thinly) and after
 * every training epoch fits its MLP further on them, {@code passes} passes of Adam on the mean
 * squared error in the twin's normalised units, as {@link TwinFit} fitted it. No physical call is
 * added: the measurements are the ones PAT's forward passes make anyway. The normalisation stays
 * the fit's. The MLP's weights, Adam's state and the memory are checkpointed ({@link Stateful}), so
 * a resumed run continues exactly as an uninterrupted one.
 */
public final class TwinRefinement implements DifferentiableMap, MeasuredModel, Stateful {
    private static final int BATCH = 64;
    private static final long STATE_MAGIC = 0x5457494E52454631L; // "TWINREF1"

    private final LearnedTwin twin;
    private final TwinFile source;
    private final int passes;
    private final MeasurementMemory memory;
    private final Trainer trainer;
    private int refinements;

    /**
     * @param twin         the fitted twin, refined in place
     * @param source       the file it was read from (its system and sampling go into {@link #file()})
     * @param passes       passes over the memory after each epoch, >= 1
     * @param memory       measurements kept, >= 1
     * @param learningRate Adam's step size
     * @param seed         the order of the refining batches
     */
    public TwinRefinement(LearnedTwin twin, TwinFile source, int passes, int memory, float learningRate, long seed) {
        if (passes < 1) {
            throw new IllegalArgumentException("a twin refinement makes at least 1 pass per epoch, was " + passes);
        }
        this.twin = twin;
        this.source = source;
        this.passes = passes;
        this.memory = new MeasurementMemory(twin, memory);
        this.trainer = Trainer.builder(twin.network()).mode(TrainingMode.INSILICO).loss(new MeanSquaredError()).optimizer(new Adam())
                .learningRate(learningRate).batchSize(BATCH).seed(seed).build();
    }

    /** The twin being refined. */
    public LearnedTwin twin() {
        return twin;
    }

    /** The refined twin as a twin file: the source's system and sampling, and how it was refined. */
    public TwinFile file() {
        java.util.Map<String, Object> sampling = new java.util.LinkedHashMap<>(source.sampling() == null ? java.util.Map.of() : source.sampling());
        sampling.put("refinedAfterEpochs", refinements);
        sampling.put("refinePasses", passes);
        sampling.put("refineMemory", memory.capacity());
        sampling.put("refineMeasurementsHeld", memory.size());
        return TwinFile.of(twin, source.system(), sampling);
    }

    /** Measurements held now. */
    public int remembered() {
        return memory.size();
    }

    /** The epochs after which the twin was refined so far. */
    public int refinements() {
        return refinements;
    }

    @Override
    public void measured(int batch, float[] x, float[] theta, float[] y) {
        memory.record(batch, x, theta, y);
    }

    @Override
    public void endOfEpoch() {
        if (memory.size() == 0) {
            return;
        }
        for (int p = 0; p < passes; p++) {
            trainer.trainEpoch(memory);
        }
        refinements++;
    }

    @Override
    public int inputSize() {
        return twin.inputSize();
    }

    @Override
    public int outputSize() {
        return twin.outputSize();
    }

    @Override
    public int parameterSize() {
        return twin.parameterSize();
    }

    @Override
    public void forward(int batch, float[] x, float[] theta, float[] y) {
        twin.forward(batch, x, theta, y);
    }

    @Override
    public void vjp(int batch, float[] x, float[] theta, float[] gY, float[] gX, float[] gTheta) {
        twin.vjp(batch, x, theta, gY, gX, gTheta);
    }

    /** The MLP's weights, Adam's state and order, then the memory. */
    @Override
    public void saveState(DataOutput out) throws IOException {
        out.writeLong(STATE_MAGIC);
        out.writeInt(refinements);
        trainer.saveState(out);
        memory.save(out);
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        if (in.readLong() != STATE_MAGIC) {
            throw new IOException("the checkpoint holds no refined twin where this run refines one (was it started without --twin-refine?)");
        }
        refinements = in.readInt();
        trainer.restoreState(in);
        memory.restore(in);
    }
}
