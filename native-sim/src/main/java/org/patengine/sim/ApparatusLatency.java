package org.patengine.sim;

import java.util.List;
import java.util.Map;

/**
 * How long an apparatus takes, so a report can say what a run would cost on one of a given speed:
 * {@code t = calls·perCall + samples·perSample + updates·perUpdate} seconds, where an update is a
 * call whose θ differs from the previous call's (the apparatus is set to new parameters and must
 * settle). The lab's 2-D waveguide ran at about 10 samples/s: {@code perSample = 0.1}. A simulated
 * system can also wait that long ({@code sleep}) to behave like the apparatus; by default the time
 * is only accounted.
 *
 * @param perCall   seconds per forward call (set-up, transfer)
 * @param perSample seconds per sample
 * @param perUpdate seconds per parameter update (settling)
 * @param sleep     whether a simulated system waits that long on every call
 */
public record ApparatusLatency(double perCall, double perSample, double perUpdate, boolean sleep) {
    /** The keys of {@link #of}. */
    public static final List<String> KEYS = List.of("perCall", "perSample", "perUpdate", "sleep");
    /** No latency. */
    public static final ApparatusLatency NONE = new ApparatusLatency(0, 0, 0, false);

    public ApparatusLatency {
        check("perCall", perCall);
        check("perSample", perSample);
        check("perUpdate", perUpdate);
    }

    private static void check(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("apparatus " + name + " must be finite and >= 0 seconds, was " + v);
        }
    }

    /** From {@code {perCall, perSample, perUpdate, sleep}} (missing: 0; sleep: 0 or 1); an unknown key is an error naming the known. */
    public static ApparatusLatency of(Map<String, Double> values) {
        for (String k : values.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown apparatus key '" + k + "': expected one of " + KEYS);
            }
        }
        double sleep = values.getOrDefault("sleep", 0.0);
        if (sleep != 0 && sleep != 1) {
            throw new IllegalArgumentException("apparatus sleep must be 0 (account only) or 1 (wait), was " + sleep);
        }
        return new ApparatusLatency(values.getOrDefault("perCall", 0.0), values.getOrDefault("perSample", 0.0),
                values.getOrDefault("perUpdate", 0.0), sleep == 1);
    }

    /** The seconds these counts take on the apparatus. */
    public double seconds(long calls, long samples, long updates) {
        return calls * perCall + samples * perSample + updates * perUpdate;
    }

    /** Whether any time is accounted. */
    public boolean isZero() {
        return perCall == 0 && perSample == 0 && perUpdate == 0;
    }
}
