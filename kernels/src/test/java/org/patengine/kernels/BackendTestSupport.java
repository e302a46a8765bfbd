package org.patengine.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Assumptions;

/** Shared helpers for backend tests. */
public final class BackendTestSupport {
    /** The awkward sizes every kernel is tested at. */
    public static final int[] AWKWARD = {1, 2, 3, 7, 15, 16, 17, 31, 64, 100, 129, 1021};

    /** Restricts a test run to some backends, e.g. the extra SIMD runs at forced vector widths. */
    public static final String ONLY_PROPERTY = "pat.testBackends";

    private BackendTestSupport() {
    }

    /**
     * The backend of this kind, or: a failure when {@code -Dpat.requireBackend} names it and it is
     * unavailable, else a skipped test that says why.
     */
    public static ComputeBackend backendOrSkip(BackendKind kind) {
        String only = System.getProperty(ONLY_PROPERTY, "");
        if (!only.isBlank() && !java.util.Arrays.asList(only.split(",")).contains(kind.id())) {
            Assumptions.abort("this test run covers only " + only + " (" + ONLY_PROPERTY + ")");
        }
        BackendStatus s = Backends.probe(kind);
        if (!s.available()) {
            if (Backends.isRequired(kind)) {
                fail("backend " + kind.id() + " is required (-D" + Backends.REQUIRE_PROPERTY + ") but unavailable: " + s.detail());
            }
            Assumptions.abort("backend " + kind.id() + " unavailable: " + s.detail());
        }
        return Backends.get(kind);
    }

    /** Uniform random floats in [-1, 1). */
    public static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
        }
        return a;
    }
}
