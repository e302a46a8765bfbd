package org.patengine.engine.train;

import java.util.Locale;

import org.patengine.engine.layer.BackwardPass;
import org.patengine.engine.layer.ForwardPass;

/**
 * How a {@link Trainer} obtains gradients, on the same network and data (DESIGN.md §1).
 *
 * <table>
 * <caption>Training modes</caption>
 * <tr><th>mode</th><th>forward</th><th>gradient</th></tr>
 * <tr><td>pat</td><td>f_p</td><td>VJP of f_m at the physical inputs</td></tr>
 * <tr><td>insilico</td><td>f_m</td><td>VJP of f_m</td></tr>
 * <tr><td>ideal</td><td>f_p</td><td>exact VJP of f_p ({@code PhysicalSystem.exactModel()})</td></tr>
 * <tr><td>fd</td><td>f_p</td><td>finite differences of the loss in θ, O(P) forwards</td></tr>
 * <tr><td>spsa</td><td>f_p</td><td>simultaneous-perturbation estimate, 2 forwards per estimate</td></tr>
 * <tr><td>reservoir</td><td>f_p</td><td>as pat, but physical θ frozen: only digital layers train</td></tr>
 * </table>
 */
public enum TrainingMode {
    PAT(ForwardPass.PHYSICAL, BackwardPass.MODEL, false, false),
    INSILICO(ForwardPass.MODEL, BackwardPass.MODEL, false, false),
    IDEAL(ForwardPass.PHYSICAL, BackwardPass.EXACT, false, false),
    FD(ForwardPass.PHYSICAL, null, false, true),
    SPSA(ForwardPass.PHYSICAL, null, false, true),
    RESERVOIR(ForwardPass.PHYSICAL, BackwardPass.MODEL, true, false);

    private final ForwardPass forward;
    private final BackwardPass backward;
    private final boolean freezesPhysical;
    private final boolean blackBox;

    TrainingMode(ForwardPass forward, BackwardPass backward, boolean freezesPhysical, boolean blackBox) {
        this.forward = forward;
        this.backward = backward;
        this.freezesPhysical = freezesPhysical;
        this.blackBox = blackBox;
    }

    /** The forward pass the training loss is measured on. */
    public ForwardPass forwardPass() {
        return forward;
    }

    /** The backward pass, or null for the black-box modes (fd, spsa), which use no VJP. */
    public BackwardPass backwardPass() {
        return backward;
    }

    /** Whether physical parameters stay fixed. */
    public boolean freezesPhysical() {
        return freezesPhysical;
    }

    /** Whether gradients are estimated from loss evaluations alone. */
    public boolean blackBox() {
        return blackBox;
    }

    /** The lower-case name used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code pat|insilico|ideal|fd|spsa|reservoir}, case-insensitively. */
    public static TrainingMode parse(String s) {
        if (s != null) {
            for (TrainingMode m : values()) {
                if (m.id().equalsIgnoreCase(s.trim())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("unknown training mode '" + s
                + "'; expected one of pat, insilico, ideal, fd, spsa, reservoir");
    }
}
