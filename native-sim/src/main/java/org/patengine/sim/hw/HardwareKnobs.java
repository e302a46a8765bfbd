package org.patengine.sim.hw;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A simulated system's non-idealities as one value: its own physics mismatch knobs plus the
 * {@link IoKnobs} every system shares, and a seed. The knobs are set by name, as the command
 * line's {@code --hardware} does: the I/O knobs' names, parsing and validation live with
 * {@link IoKnobs}, so a system implements only {@link #mismatchKnobs()} and
 * {@link #withMismatchKnob(String, double)} for its own.
 *
 * <p>A system's full knob list is {@link #names(List) names(its mismatch knobs)}: the mismatch
 * knobs first, then {@link IoKnobs#NAMES}.
 *
 * @param <H> the implementing (immutable) type, which every {@code with} returns
 */
public interface HardwareKnobs<H extends HardwareKnobs<H>> {

    /** The I/O chain's knobs. */
    IoKnobs io();

    /** This with the I/O knobs replaced. */
    H withIo(IoKnobs io);

    /** The names of this system's own (mismatch) knobs, without the I/O knobs. */
    List<String> mismatchKnobs();

    /** This with one of {@link #mismatchKnobs()} set; the caller has checked the name. */
    H withMismatchKnob(String knob, double value);

    /** Seeds the hidden mismatch and the I/O chain's noise. */
    long seed();

    /** Every knob name this system accepts: {@link #names(List) names(mismatchKnobs())}. */
    default List<String> knobs() {
        return names(mismatchKnobs());
    }

    /**
     * This with one knob set by name: an I/O knob ({@link IoKnobs#NAMES}) or one of this system's
     * mismatch knobs; an unknown name is refused with the list of accepted ones.
     */
    default H with(String knob, double value) {
        if (IoKnobs.NAMES.contains(knob)) {
            return withIo(io().with(knob, value));
        }
        if (mismatchKnobs().contains(knob)) {
            return withMismatchKnob(knob, value);
        }
        throw new IllegalArgumentException("unknown hardware knob '" + knob + "': expected one of " + knobs());
    }

    /** This with every knob of {@code knobs} set, in the map's order. */
    @SuppressWarnings("unchecked")
    default H with(Map<String, Double> knobs) {
        H h = (H) this;
        for (Map.Entry<String, Double> e : knobs.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("hardware knob " + e.getKey() + " has no value");
            }
            h = h.with(e.getKey(), e.getValue());
        }
        return h;
    }

    /** A system's knob list: its mismatch knobs, then {@link IoKnobs#NAMES}; unmodifiable. */
    static List<String> names(List<String> mismatchKnobs) {
        List<String> all = new ArrayList<>(mismatchKnobs);
        for (String io : IoKnobs.NAMES) {
            if (all.contains(io)) {
                throw new IllegalArgumentException("mismatch knob '" + io + "' has the name of an I/O knob");
            }
            all.add(io);
        }
        return List.copyOf(all);
    }

    /** Checks a knob value that must be finite and {@code >= 0}, naming the knob. */
    static void requireNonNegative(String name, float v) {
        if (!(v >= 0) || !Float.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, was " + v);
        }
    }
}
