package org.patengine.kernels;

import java.util.Locale;

/** The compute backends, as named by {@code -Dpat.backend}. */
public enum BackendKind {
    /** Plain Java loops: the reference oracle. */
    SCALAR,
    /** The Vector API ({@code jdk.incubator.vector}). */
    SIMD,
    /** OpenCL kernels through JOCL. */
    OPENCL;

    /** The lower-case name used on the command line and in properties. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a backend name; throws naming the value and the accepted names. */
    public static BackendKind parse(String name) {
        for (BackendKind k : values()) {
            if (k.id().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + name
                + "': expected one of auto, scalar, simd, opencl");
    }
}
