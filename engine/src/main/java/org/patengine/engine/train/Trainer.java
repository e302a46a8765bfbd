package org.patengine.engine.train;

import java.util.ArrayList;
import java.util.List;

import org.patengine.engine.data.Dataset;
import org.patengine.engine.grad.BatchLoss;
import org.patengine.engine.grad.FiniteDifferences;
import org.patengine.engine.grad.GradientSource;
import org.patengine.engine.grad.Spsa;
import org.patengine.engine.layer.ForwardPass;
import org.patengine.engine.loss.Loss;
import org.patengine.engine.loss.SoftmaxCrossEntropy;
import org.patengine.engine.network.Network;
import org.patengine.engine.network.Trainable;
import org.patengine.engine.optim.Adam;
import org.patengine.engine.optim.BoxProjection;
import org.patengine.engine.optim.LearningRateSchedule;
import org.patengine.engine.optim.Optimizer;
import org.patengine.sim.Rng;
import org.patengine.sim.Stateful;

/**
 * Trains a {@link Network} in one {@link TrainingMode}: for each batch, the mode's forward and
 * gradient ({@link GradientSource}: backpropagation or a black-box estimate) over the mode's
 * {@link Trainable} parameters, an optimizer update and the {@link BoxProjection} into the
 * parameter ranges.
 *
 * <p>Steady state allocates nothing: the batch buffers and the network's workspaces are sized
 * when the trainer is built. Deterministic for a given seed: the batch order comes from a seeded
 * shuffle of a permutation kept across epochs, SPSA directions from a second seeded generator
 * (so the batch order does not depend on the mode). Not thread-safe.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(network).mode(TrainingMode.PAT).batchSize(32)
 *         .schedule(new StepSchedule(0.01f, 0.5f, 5)).seed(7).build();
 * EpochResult r = trainer.trainEpoch(train);
 * Evaluation e = trainer.evaluate(test);
 * }</pre>
 */
public final class Trainer {
    private final Network network;
    private final TrainingMode mode;
    private final Loss loss;
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final int batchSize;
    private final Trainable trainable;       // the mode's unfrozen ranges, computed once
    private final GradientSource gradient;
    private final BatchLoss batchLoss;       // the current batch's loss in the mode's forward pass
    private final List<Stateful> components; // checkpointed after θ and the optimizer, in this order
    private final Rng shuffleRng;
    private final Rng estimatorRng;

    private final float[] xBatch;     // (batchSize, in)
    private final int[] labelBatch;   // (batchSize)
    private float[] targetBatch;      // (batchSize, targetSize), sized for the first dataset with targets
    private final int[] predicted;    // (batchSize): argmax of the physical forward, for evaluation
    private int[] order;              // (dataset size): the shuffled sample order, kept across epochs
    private int lastCorrect = -1;     // right answers of the last gradient's batch (-1: not counted)

    private int epoch;
    private long steps;

    private Trainer(Builder b) {
        this.network = b.network;
        this.mode = b.mode;
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.schedule = b.schedule;
        this.batchSize = b.batchSize;
        this.trainable = mode.trainable(network);
        if (trainable.size() == 0) {
            throw new IllegalStateException(mode.freezesPhysical()
                    ? "the " + mode.id() + " mode trains only digital layers, and this network has no digital parameters"
                    : "the network has no parameters to train");
        }
        this.gradient = mode.gradientSource(network, b.finiteDifferences, b.spsa);
        this.batchLoss = new BatchLoss(network, mode.forwardPass(), loss);
        if (b.commonNoise) {
            if (!mode.blackBox()) {
                throw new IllegalArgumentException("common random numbers are for the fd and spsa estimators; the "
                        + mode.id() + " mode perturbs nothing");
            }
            batchLoss.commonNoise(true);
        }
        List<Stateful> c = new ArrayList<>(network.statefulComponents());
        if (gradient instanceof Stateful s) {
            c.add(s);
        }
        this.components = List.copyOf(c);
        Rng seeds = new Rng(b.seed);
        this.shuffleRng = seeds.split();
        this.estimatorRng = seeds.split();
        network.allocate(batchSize);
        this.xBatch = new float[batchSize * network.inputSize()];
        this.labelBatch = new int[batchSize];
        this.predicted = new int[batchSize];
    }

    public static Builder builder(Network network) {
        return new Builder(network);
    }

    public Network network() {
        return network;
    }

    public TrainingMode mode() {
        return mode;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Epochs completed by {@link #trainEpoch}. */
    public int epoch() {
        return epoch;
    }

    /** Optimizer steps taken. */
    public long steps() {
        return steps;
    }

    /** The learning rate of the current epoch. */
    public float learningRate() {
        return schedule.rate(epoch, steps);
    }

    /** The parameters this trainer updates (all but the physical ones in the reservoir mode). */
    public Trainable trainable() {
        return trainable;
    }

    /** The mode's gradient source. */
    public GradientSource gradientSource() {
        return gradient;
    }

    /**
     * One training step on a batch: forward and gradient ({@link #computeGradient}), an optimizer
     * update at the current learning rate and the projection into the parameter ranges. Returns
     * the mean loss of the batch before the update.
     *
     * @param x       inputs (batch, in)
     * @param labels  class labels (batch), or null
     * @param targets target values (batch, out), or null
     */
    public double step(int batch, float[] x, int[] labels, float[] targets) {
        double l = computeGradient(batch, x, labels, targets); // forward and gradient
        optimizer.step(trainable, schedule.rate(epoch, steps)); // update
        BoxProjection.project(trainable);                       // project into the ranges
        steps++;
        return l;
    }

    /**
     * Computes the mode's gradient of the batch's mean loss into
     * {@code network().parameters().gradients()} without updating, and returns that loss (for
     * spsa the mean of the two perturbed losses). Frozen segments get zero gradients.
     */
    public double computeGradient(int batch, float[] x, int[] labels, float[] targets) {
        if (batch < 1 || batch > batchSize) {
            throw new IllegalArgumentException("batch " + batch + " is outside [1, " + batchSize
                    + "] (the trainer's batch size)");
        }
        batchLoss.set(batch, x, labels, targets);
        try {
            gradient.atStep(steps);
            double l = gradient.compute(batchLoss, trainable, estimatorRng);
            // the estimators' last forward ran at a perturbed θ: their batches are not counted
            lastCorrect = labels != null && gradient.leavesUnperturbedOutput()
                    ? countCorrect(network.output(), batch, labels) : -1;
            return l;
        } finally {
            batchLoss.clear();
        }
    }

    private int countCorrect(float[] y, int batch, int[] labels) {
        int out = network.outputSize();
        int correct = 0;
        for (int b = 0; b < batch; b++) {
            if (argmax(y, b * out, out) == labels[b]) {
                correct++;
            }
        }
        return correct;
    }

    /** Called after every optimizer step of an epoch (for progress display); must not allocate. */
    @FunctionalInterface
    public interface StepListener {
        /**
         * {@code done} of {@code total} samples are through; {@code batchLoss} is the last batch's mean
         * loss, {@code accuracy} the fraction of this epoch's samples so far classified right by the
         * mode's forward pass before each update (NaN without labels or for black-box modes).
         */
        void afterStep(int done, int total, double batchLoss, double accuracy);
    }

    /** One pass over the data in a freshly shuffled order, including a final partial batch. */
    public EpochResult trainEpoch(Dataset data) {
        return trainEpoch(data, null);
    }

    /** {@link #trainEpoch(Dataset)} with a listener called after every step (null for none). */
    public EpochResult trainEpoch(Dataset data, StepListener listener) {
        checkDataset(data);
        int n = data.size();
        if (order == null || order.length != n) {
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
        }
        shuffleRng.shuffle(order, n);
        data.beginEpoch(epoch);
        float rate = schedule.rate(epoch, steps);
        double lossSum = 0;
        network.forgetPhysicalTheta(); // an epoch's count of updates does not depend on what ran before it
        long calls0 = network.physicalCalls();
        long samples0 = network.physicalSamples();
        long updates0 = network.physicalUpdates();
        long correct = 0;                 // -1 once a step could not count
        int stepCount = 0;
        network.measuring(true); // models that learn from measurements see the steps' physical forwards
        try {
            for (int start = 0; start < n; start += batchSize) {
                int batch = Math.min(batchSize, n - start);
                gather(data, order, start, batch);                                // next batch
                double l = step(batch, xBatch, labelsOrNull(data), targetBatch); // forward … project
                lossSum += l * batch;
                if (lastCorrect < 0) {
                    correct = -1;
                } else if (correct >= 0) {
                    correct += lastCorrect;
                }
                stepCount++;
                if (listener != null) {
                    listener.afterStep(start + batch, n, l, correct < 0 ? Double.NaN : (double) correct / (start + batch));
                }
            }
        } finally {
            network.measuring(false);
        }
        network.endOfTrainingEpoch(); // e.g. a twin refined on this epoch's measurements, before the checkpoint
        EpochResult r = new EpochResult(epoch, rate, stepCount, n, lossSum / n, correct < 0 ? Double.NaN : (double) correct / n,
                network.physicalCalls() - calls0, network.physicalSamples() - samples0, network.physicalUpdates() - updates0);
        epoch++;
        return r;
    }

    private static final long STATE_MAGIC = 0x5041545452414E31L; // "PATTRAN1"

    /**
     * Writes everything a resumed run needs to continue exactly as an uninterrupted one would:
     * epoch and step counters, the generators (batch order, estimators), the current sample
     * order, every parameter, the optimizer's state, then the state of every {@link Stateful}
     * component: the network's ({@link Network#statefulComponents()}: each physical system's noise
     * and drift, layer by layer), then the gradient source's if it has any. A component with
     * state only implements {@link Stateful}; this format code stays as it is.
     */
    public void saveState(java.io.DataOutput out) throws java.io.IOException {
        out.writeLong(STATE_MAGIC);
        out.writeUTF(mode.name());
        out.writeInt(epoch);
        out.writeLong(steps);
        shuffleRng.save(out);
        estimatorRng.save(out);
        out.writeInt(order == null ? -1 : order.length);
        if (order != null) {
            for (int i : order) {
                out.writeInt(i);
            }
        }
        float[] theta = network.parameters().values();
        Optimizer.writeArray(out, theta);
        optimizer.saveState(out);
        for (Stateful c : components) {
            c.saveState(out);
        }
    }

    /** Restores a state written by {@link #saveState} into this trainer (same network and mode). */
    public void restoreState(java.io.DataInput in) throws java.io.IOException {
        if (in.readLong() != STATE_MAGIC) {
            throw new java.io.IOException("not a trainer state (wrong magic number)");
        }
        String savedMode = in.readUTF();
        if (!savedMode.equals(mode.name())) {
            throw new java.io.IOException("the checkpoint was written in mode " + savedMode + ", this trainer runs " + mode.name());
        }
        epoch = in.readInt();
        steps = in.readLong();
        shuffleRng.restore(in);
        estimatorRng.restore(in);
        int n = in.readInt();
        if (n < -1) {
            throw new java.io.IOException("corrupt sample order length " + n);
        }
        order = n == -1 ? null : new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = in.readInt();
            if (order[i] < 0 || order[i] >= n) {
                throw new java.io.IOException("corrupt sample order: index " + order[i] + " outside [0, " + n + ")");
            }
        }
        float[] theta = network.parameters().values();
        float[] saved = Optimizer.readArray(in, theta.length, "the parameter vector");
        if (saved == null) {
            throw new java.io.IOException("the checkpoint has no parameters");
        }
        System.arraycopy(saved, 0, theta, 0, theta.length);
        optimizer.restoreState(in, theta.length);
        for (Stateful c : components) {
            c.restoreState(in);
        }
    }

    /** Loss and accuracy on the physical systems and on the digital models, and their agreement. */
    public Evaluation evaluate(Dataset data) {
        return evaluate(data, null);
    }

    /**
     * {@link #evaluate(Dataset)}, also counting (true class, class predicted on the physical
     * system) into {@code physicalConfusion} when it is not null.
     */
    public Evaluation evaluate(Dataset data, org.patengine.engine.report.ConfusionMatrix physicalConfusion) {
        checkDataset(data);
        if (physicalConfusion != null && physicalConfusion.classes() != network.outputSize()) {
            throw new IllegalArgumentException("confusion matrix has " + physicalConfusion.classes()
                    + " classes; it needs one per network output (" + network.outputSize() + ")");
        }
        int n = data.size();
        int classes = data.classCount();
        int out = network.outputSize();
        double physicalLoss = 0;
        double modelLoss = 0;
        int physicalCorrect = 0;
        int modelCorrect = 0;
        int agree = 0;
        for (int start = 0; start < n; start += batchSize) {
            int batch = Math.min(batchSize, n - start);
            gather(data, null, start, batch);
            int[] labels = labelsOrNull(data);
            float[] y = network.forward(ForwardPass.PHYSICAL, batch, xBatch);
            physicalLoss += loss.evaluate(batch, out, y, labels, targetBatch, null) * batch;
            for (int b = 0; b < batch; b++) {
                predicted[b] = argmax(y, b * out, out);
                if (classes > 0 && predicted[b] == labelBatch[b]) {
                    physicalCorrect++;
                }
                if (physicalConfusion != null && classes > 0) {
                    physicalConfusion.add(labelBatch[b], predicted[b]);
                }
            }
            y = network.forward(ForwardPass.MODEL, batch, xBatch);
            modelLoss += loss.evaluate(batch, out, y, labels, targetBatch, null) * batch;
            for (int b = 0; b < batch; b++) {
                int m = argmax(y, b * out, out);
                if (classes > 0 && m == labelBatch[b]) {
                    modelCorrect++;
                }
                if (m == predicted[b]) {
                    agree++;
                }
            }
        }
        double nan = Double.NaN;
        return new Evaluation(n, physicalLoss / n, classes > 0 ? (double) physicalCorrect / n : nan,
                modelLoss / n, classes > 0 ? (double) modelCorrect / n : nan,
                classes > 0 ? (double) agree / n : nan);
    }

    private static int argmax(float[] y, int off, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (y[off + j] > y[off + best]) {
                best = j;
            }
        }
        return best;
    }

    private int[] labelsOrNull(Dataset data) {
        return data.classCount() > 0 ? labelBatch : null;
    }

    private void checkDataset(Dataset data) {
        if (data == null) {
            throw new NullPointerException("dataset is null");
        }
        if (data.inputSize() != network.inputSize()) {
            throw new IllegalArgumentException("dataset samples have " + data.inputSize()
                    + " inputs but the network takes " + network.inputSize());
        }
        if (data.classCount() > network.outputSize()) {
            throw new IllegalArgumentException("dataset has " + data.classCount()
                    + " classes but the network has only " + network.outputSize() + " outputs");
        }
        if (data.targetSize() > 0 && data.targetSize() != network.outputSize()) {
            throw new IllegalArgumentException("dataset targets have " + data.targetSize()
                    + " values but the network has " + network.outputSize() + " outputs");
        }
        if (data.targetSize() > 0 && targetBatch == null) {
            targetBatch = new float[batchSize * data.targetSize()];
        }
        if (data.targetSize() == 0 && data.classCount() == 0) {
            throw new IllegalArgumentException("dataset has neither labels nor targets");
        }
    }

    /** Copies samples order[start, start + batch) (or start… when order is null) into the batch buffers. */
    private void gather(Dataset data, int[] order, int start, int batch) {
        int in = network.inputSize();
        boolean labels = data.classCount() > 0;
        int t = data.targetSize();
        for (int b = 0; b < batch; b++) {
            int idx = order == null ? start + b : order[start + b];
            data.input(idx, xBatch, b * in);
            if (labels) {
                labelBatch[b] = data.label(idx);
            }
            if (t > 0) {
                data.target(idx, targetBatch, b * t);
            }
        }
    }

    /** Configures a {@link Trainer}; every setting has a default except the network. */
    public static final class Builder {
        private final Network network;
        private TrainingMode mode = TrainingMode.PAT;
        private Loss loss = new SoftmaxCrossEntropy();
        private Optimizer optimizer = new Adam();
        private LearningRateSchedule schedule = LearningRateSchedule.constant(1e-3f);
        private int batchSize = 32;
        private long seed = 1;
        private FiniteDifferences finiteDifferences = new FiniteDifferences(true, 1e-3f);
        private Spsa spsa = new Spsa(1e-2f, 1);
        private boolean commonNoise;

        private Builder(Network network) {
            if (network == null) {
                throw new NullPointerException("network is null");
            }
            this.network = network;
        }

        /** The training mode (default pat). */
        public Builder mode(TrainingMode mode) {
            this.mode = nonNull(mode, "mode");
            return this;
        }

        /** The loss (default softmax cross-entropy). */
        public Builder loss(Loss loss) {
            this.loss = nonNull(loss, "loss");
            return this;
        }

        /** The optimizer (default Adam with the usual β and ε). */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = nonNull(optimizer, "optimizer");
            return this;
        }

        /** A constant learning rate. */
        public Builder learningRate(float rate) {
            this.schedule = LearningRateSchedule.constant(rate);
            return this;
        }

        /** The learning-rate schedule (default constant 1e-3). */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = nonNull(schedule, "schedule");
            return this;
        }

        /** Samples per step (default 32); the network's workspaces are sized for it. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Seed of the batch order and of SPSA's directions (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The fd mode's estimator settings (default central, ε = 1e-3). */
        public Builder finiteDifferences(boolean central, float epsilon) {
            return finiteDifferences(central, epsilon, false);
        }

        /** The same, with steps ε times each finite parameter range when {@code relative}. */
        public Builder finiteDifferences(boolean central, float epsilon, boolean relative) {
            this.finiteDifferences = new FiniteDifferences(central, epsilon, relative);
            return this;
        }

        /** The spsa mode's estimator settings (default c = 1e-2, one estimate per step). */
        public Builder spsa(float c, int samples) {
            return spsa(new Spsa(c, samples));
        }

        /** The spsa mode's estimator (e.g. with Spall's decaying perturbation, {@link Spsa#Spsa(float, int, boolean)}). */
        public Builder spsa(Spsa spsa) {
            this.spsa = nonNull(spsa, "spsa");
            return this;
        }

        /**
         * Both estimators draw their perturbed forwards with the noise of the unperturbed one
         * (common random numbers, {@link BatchLoss#commonNoise}); only a simulated system can
         * (default off).
         */
        public Builder commonNoise(boolean on) {
            this.commonNoise = on;
            return this;
        }

        /** Builds the trainer; checks that the mode can run on this network. */
        public Trainer build() {
            return new Trainer(this);
        }

        private static <T> T nonNull(T v, String what) {
            if (v == null) {
                throw new NullPointerException(what + " is null");
            }
            return v;
        }
    }
}
