package org.patengine.sim;

/**
 * A {@link PhysicalSystem} that counts what is asked of the one it wraps: forward calls, the
 * samples they carry, and the parameter updates — calls whose θ differs from the previous call's,
 * each of which a real apparatus must be set to (and settle at). The counts are measured, not computed from a method's formula, so a
 * comparison of gradient methods (PAT, finite differences, SPSA) reads what each really cost the
 * apparatus. Everything else — sizes, ranges, state, the exact model — is the wrapped system's.
 * The counters are not part of the checkpointed state: a run keeps its totals per epoch in its
 * metrics.
 */
public final class CountingSystem extends ForwardingSystem {
    private long calls;
    private long samples;
    private long updates;
    private final float[] lastTheta; // θ of the previous call
    private boolean called;
    private ApparatusLatency latency = ApparatusLatency.NONE;

    public CountingSystem(PhysicalSystem inner) {
        super(inner);
        this.lastTheta = new float[inner.parameterSize()];
    }

    /** Forward calls so far. */
    public long calls() {
        return calls;
    }

    /** Samples sent in those calls. */
    public long samples() {
        return samples;
    }

    /** The apparatus speed to wait for on every call, when its {@code sleep} is set (else nothing waits). */
    public void latency(ApparatusLatency latency) {
        this.latency = latency == null ? ApparatusLatency.NONE : latency;
    }

    /**
     * Forgets the previous call's θ, so the next call counts as an update: the trainer calls it at
     * the start of every epoch, which makes an epoch's count independent of what ran before it (a
     * resumed run counts as an uninterrupted one; a real apparatus is set anew after a restart).
     */
    public void forgetTheta() {
        called = false;
    }

    /** Calls whose θ differed from the previous call's (the first call, and the first after {@link #forgetTheta}, included). */
    public long updates() {
        return updates;
    }

    @Override
    public void forward(int batch, float[] x, float[] theta, float[] y) {
        super.forward(batch, x, theta, y);
        calls++; // counted once it ran: a call refused for bad arguments cost nothing
        samples += batch;
        int p = lastTheta.length;
        boolean update = !called || !java.util.Arrays.equals(theta, 0, p, lastTheta, 0, p);
        if (update) {
            updates++;
            System.arraycopy(theta, 0, lastTheta, 0, p);
            called = true;
        }
        if (latency.sleep()) {
            sleepFor(latency.seconds(1, batch, update ? 1 : 0));
        }
    }

    private static void sleepFor(double seconds) {
        long nanos = (long) (seconds * 1e9);
        if (nanos > 0) {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
