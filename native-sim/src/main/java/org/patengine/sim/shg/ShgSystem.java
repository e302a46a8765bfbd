package org.patengine.sim.shg;

import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.sim.hw.IoChain;
import org.patengine.sim.hw.SimulatedHardware;

/**
 * A simulated broadband-SHG apparatus, the stand-in for the paper's optical PNN: a pulse shaper
 * writes x and θ into spectral channels, a crystal doubles the pulse, a spectrometer reads the
 * binned second-harmonic spectrum. Inside, the mismatched optics ({@link ShgModel} with
 * {@link ShgNonidealities#mismatch()}) run in the generic I/O chain ({@link IoChain}):
 * <pre>
 *   x̃ = sat(x + σ_x ξ),  m̃ = C·Q(x̃, θ)
 *   y = ADC((1 + σ_p π)·R|B(m̃)|² + σ_s √(·) η + σ_y ζ),    power, centre and GDD random-walking per call
 * </pre>
 * With every knob off it runs the twin's arithmetic exactly, so both agree bit for bit.
 * {@link #exactModel()} is the mismatched optics at the current drift, without noise (quantisers
 * as the identity): the exact VJP the {@code ideal} mode and the gradient-fidelity measurements use.
 */
public final class ShgSystem extends SimulatedHardware {
    private final ShgLayout layout;
    private final ShgNonidealities knobs;

    public ShgSystem(ShgLayout layout, ShgNonidealities knobs) {
        this(layout, knobs, Backends.get());
    }

    public ShgSystem(ShgLayout layout, ShgNonidealities knobs, ComputeBackend backend) {
        super(name(layout, knobs), new ShgModel(layout, backend, knobs.mismatch(), knobs.seed(), knobs.io().drift() > 0, true),
                knobs.io(), knobs.seed());
        this.layout = layout;
        this.knobs = knobs;
    }

    private static String name(ShgLayout layout, ShgNonidealities knobs) {
        return "shg(" + layout + (knobs.isIdeal() ? "" : ", non-ideal") + ")";
    }

    public ShgLayout layout() {
        return layout;
    }

    public ShgNonidealities nonidealities() {
        return knobs;
    }
}
