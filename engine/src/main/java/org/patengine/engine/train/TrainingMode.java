package org.patengine.engine.train;

import java.util.Locale;

import org.patengine.engine.grad.Backprop;
import org.patengine.engine.grad.BlackBoxGradient;
import org.patengine.engine.grad.FiniteDifferences;
import org.patengine.engine.grad.GradientSource;
import org.patengine.engine.grad.Spsa;
import org.patengine.engine.layer.BackwardPass;
import org.patengine.engine.layer.ForwardPass;
import org.patengine.engine.network.Network;
import org.patengine.engine.network.Trainable;

/**
 * How a {@link Trainer} obtains gradients, on the same network and data (DESIGN.md §1). Each
 * constant carries everything about its mode: the forward pass the loss is measured on, which
 * parameters train ({@link #trainable}) and the {@link GradientSource} ({@link #gradientSource}).
 *
 * <table>
 * <caption>Training modes</caption>
 * <tr><th>mode</th><th>forward</th><th>gradient</th></tr>
 * <tr><td>pat</td><td>f_p</td><td>VJP of f_m at the physical inputs</td></tr>
 * <tr><td>insilico</td><td>f_m</td><td>VJP of f_m</td></tr>
 * <tr><td>ideal</td><td>f_p</td><td>exact VJP of f_p ({@code PhysicalSystem.exactModel()})</td></tr>
 * <tr><td>fd</td><td>f_p</td><td>finite differences of the loss in θ, O(P) forwards</td></tr>
 * <tr><td>spsa</td><td>f_p</td><td>simultaneous-perturbation estimate, 2 forwards per estimate</td></tr>
 * <tr><td colspan="3">fd and spsa estimate the parameters up to the last physical layer; those after it
 * (a digital readout) get their exact gradient ({@link BlackBoxGradient})</td></tr>
 * <tr><td>reservoir</td><td>f_p</td><td>as pat, but physical θ frozen: only digital layers train</td></tr>
 * </table>
 */
public enum TrainingMode {
    PAT(ForwardPass.PHYSICAL, BackwardPass.MODEL, false),
    INSILICO(ForwardPass.MODEL, BackwardPass.MODEL, false),
    IDEAL(ForwardPass.PHYSICAL, BackwardPass.EXACT, false),
    FD(ForwardPass.PHYSICAL, (network, fd, spsa) -> new BlackBoxGradient(network, fd)),
    SPSA(ForwardPass.PHYSICAL, (network, fd, spsa) -> new BlackBoxGradient(network, spsa)),
    RESERVOIR(ForwardPass.PHYSICAL, BackwardPass.MODEL, true);

    /** Makes a mode's gradient source from the network and the configured black-box estimators. */
    @FunctionalInterface
    private interface SourceFactory {
        GradientSource make(Network network, FiniteDifferences fd, Spsa spsa);
    }

    private final ForwardPass forward;
    private final BackwardPass backward;
    private final boolean freezesPhysical;
    private final SourceFactory source;

    /** A backpropagation mode. */
    TrainingMode(ForwardPass forward, BackwardPass backward, boolean freezesPhysical) {
        this.forward = forward;
        this.backward = backward;
        this.freezesPhysical = freezesPhysical;
        this.source = (network, fd, spsa) -> new Backprop(network, backward);
    }

    /** A black-box mode: every parameter trains, from loss evaluations alone. */
    TrainingMode(ForwardPass forward, SourceFactory source) {
        this.forward = forward;
        this.backward = null;
        this.freezesPhysical = false;
        this.source = source;
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
        return backward == null;
    }

    /** The parameters this mode trains in {@code network} (all, or the digital ones only). */
    public Trainable trainable(Network network) {
        return freezesPhysical ? Trainable.digitalOnly(network.parameters()) : Trainable.all(network.parameters());
    }

    /**
     * This mode's gradient source on {@code network}: backpropagation through its backward pass
     * (which checks that the network supports it), or the given estimator for fd and spsa.
     */
    public GradientSource gradientSource(Network network, FiniteDifferences finiteDifferences, Spsa spsa) {
        return source.make(network, finiteDifferences, spsa);
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
