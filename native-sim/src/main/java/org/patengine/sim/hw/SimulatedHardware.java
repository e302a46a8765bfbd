package org.patengine.sim.hw;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.patengine.sim.DifferentiableMap;
import org.patengine.sim.PhysicalSystem;

/**
 * Simulated hardware: a system's mismatched {@link PhysicsMap} {@code f̃} inside the generic
 * {@link IoChain},
 * <pre>
 *   y = ADC(f̃(DAC(x) + σ_x·ξ, DAC(θ)) + σ_y·ζ),   drifting quantities random-walking per call,
 * </pre>
 * the stand-in for a lab apparatus: the trainer sees only {@code y = f_p(x, θ)}. Its
 * {@link #exactModel()} is the mismatched map itself, at the current hidden state, without noise
 * or quantization (the quantizers' derivative taken as the identity). A system (oscillators, and
 * the next ones) builds its map and passes it here; its state to checkpoint is the chain's.
 *
 * <p>Per call: θ is checked (the map names the parameter), the lengths of x and y, the map's
 * {@link PhysicsMap#checkInputs} on x as the user gave it, then the chain
 * runs as {@link IoChain} describes; x's values are checked once on the way down. A call that
 * throws after the checks (a non-finite x, a diverging simulation) has advanced the noise and the
 * drift. Not thread-safe.
 */
public class SimulatedHardware implements PhysicalSystem {
    private final String name;
    private final PhysicsMap physics;
    private final IoChain io;

    /** Hardware named {@code name}: {@code physics} (with its hidden state) inside an I/O chain of {@code io}. */
    public SimulatedHardware(String name, PhysicsMap physics, IoKnobs io, long seed) {
        this.name = name;
        this.physics = physics;
        this.io = new IoChain(io, seed, physics);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int inputSize() {
        return physics.inputSize();
    }

    @Override
    public final int outputSize() {
        return physics.outputSize();
    }

    @Override
    public final int parameterSize() {
        return physics.parameterSize();
    }

    @Override
    public final float parameterLower(int i) {
        return physics.parameterLower(i);
    }

    @Override
    public final float parameterUpper(int i) {
        return physics.parameterUpper(i);
    }

    @Override
    public final void forward(int batch, float[] x, float[] theta, float[] y) {
        physics.checkParameters(theta);
        io.checkLengths(batch, x, y);
        physics.checkInputs(batch, x);
        io.drift();
        float[] appliedTheta = io.parameters(theta);
        float[] appliedX = io.input(batch, x);
        physics.run(batch, appliedX, appliedTheta, y);
        io.output(batch, y);
    }

    /** The mismatched map at the current hidden state: the hardware without its I/O chain. */
    @Override
    public final DifferentiableMap exactModel() {
        return physics;
    }

    @Override
    public final boolean replaysNoise() {
        return true;
    }

    @Override
    public final void markNoise() {
        io.mark();
    }

    @Override
    public final void replayNoise() {
        io.replay();
    }

    /** The noise stream, then the drifting quantities ({@link IoChain#save}). */
    @Override
    public final void saveState(DataOutput out) throws IOException {
        io.save(out);
    }

    @Override
    public final void restoreState(DataInput in) throws IOException {
        io.restore(in);
    }
}
