package org.patengine.engine.layer;

import java.util.List;
import java.util.Locale;

/**
 * How the trainer keeps a physical layer's device inputs in the unit box [0, 1] (a pulse shaper's
 * modulation transmits between nothing and everything): the settings of a {@link DeviceInputBox}.
 *
 * <ul>
 *   <li>{@link Mode#CLAMP}: the forward clamps into [0, 1]; backward passes the gradient where
 *       0 ≤ x ≤ 1 and zero outside (torch.clamp's): an input pushed out of the box gets no signal
 *       to come back.</li>
 *   <li>{@link Mode#PENALTY} (the reference code's, and the default): the same clamp, plus a soft
 *       penalty on the pre-clamp values added to the training loss, a smooth distance to the box
 *       (the reference's {@code clamp_lag}):
 *       {@code P = λ · mean_{batch, channels} [softplus(β(x − 1)) + softplus(−βx)] / β},
 *       ≈ λ·(mean distance outside [0, 1]) for large β; its gradient
 *       {@code λ/(B·n) · [σ(β(x − 1)) − σ(−βx)]} pulls the inputs back into the box.</li>
 * </ul>
 *
 * @param mode      clamp or penalty
 * @param weight    λ, the penalty's weight (≥ 0; unused by clamp)
 * @param sharpness β, how sharply the softplus bends at the box's edges (> 0; the reference's factor 30)
 */
public record DeviceBox(Mode mode, double weight, double sharpness) {
    /** The names a configuration's {@code deviceBox} field takes. */
    public static final List<String> MODES = List.of("penalty", "clamp");
    /** λ and β of the default. */
    public static final double DEFAULT_WEIGHT = 1.0;
    public static final double DEFAULT_SHARPNESS = 30.0;
    /** The reference code's: clamp with the soft penalty, λ = 1, β = 30. */
    public static final DeviceBox DEFAULT = new DeviceBox(Mode.PENALTY, DEFAULT_WEIGHT, DEFAULT_SHARPNESS);

    /** The clamp's gradient alone, or the clamp with the soft penalty. */
    public enum Mode {
        CLAMP, PENALTY;

        /** The lower-case name a configuration uses. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DeviceBox {
        if (mode == null) {
            throw new NullPointerException("device box mode is null; expected one of " + MODES);
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("device box weight (λ) must be finite and >= 0, was " + weight);
        }
        if (!(sharpness > 0) || Double.isInfinite(sharpness)) {
            throw new IllegalArgumentException("device box sharpness (β) must be finite and > 0, was " + sharpness);
        }
    }

    /** The box named {@code mode} (penalty or clamp, case-insensitive) with λ and β; an unknown name is an error naming {@link #MODES}. */
    public static DeviceBox of(String mode, double weight, double sharpness) {
        if (mode != null) {
            for (Mode m : Mode.values()) {
                if (m.id().equalsIgnoreCase(mode.trim())) {
                    return new DeviceBox(m, weight, sharpness);
                }
            }
        }
        throw new IllegalArgumentException("device box '" + mode + "' is not one of " + MODES);
    }

    /** Whether the soft penalty is added to the loss. */
    public boolean penalised() {
        return mode == Mode.PENALTY && weight > 0;
    }

    @Override
    public String toString() {
        return mode == Mode.CLAMP ? "clamp" : String.format(Locale.ROOT, "penalty(λ=%s, β=%s)", weight, sharpness);
    }
}
