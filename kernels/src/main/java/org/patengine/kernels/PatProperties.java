package org.patengine.kernels;

import java.util.List;
import java.util.Locale;

/**
 * The one reader of the engine's {@code pat.*} system properties. A property that is set must hold
 * a value it takes; otherwise {@link #check} names the property and the values it takes, rather
 * than the engine falling back to a default or a slower backend.
 * <ul>
 *   <li>{@value Backends#PROPERTY}: auto, scalar, simd or opencl (the default of {@code --backend});</li>
 *   <li>{@value #THREADS}: the SIMD backend's threads, a whole number ≥ 1;</li>
 *   <li>{@value #VECTOR_BITS}: 64, 128, 256 or 512, at most the CPU's width;</li>
 *   <li>{@value Backends#REQUIRE_PROPERTY}: comma-separated backend names (tests and CI);</li>
 *   <li>{@code pat.opencl.device}: gpu, cpu, any or P:D ({@link org.patengine.kernels.opencl.OpenClDeviceSpec});</li>
 *   <li>{@value #PROGRESS}: bar or none, whether training draws a progress bar (the launcher sets it
 *       from whether standard error is a terminal; {@link #progressBar}).</li>
 * </ul>
 */
public final class PatProperties {
    public static final String THREADS = "pat.threads";
    public static final String VECTOR_BITS = "pat.vectorBitSize";
    private static final List<String> BACKENDS = List.of("auto", "scalar", "simd", "opencl");
    public static final String PROGRESS = "pat.progress";
    private static final List<String> PROGRESS_VALUES = List.of("bar", "none");
    private static final List<String> VECTOR_SIZES = List.of("64", "128", "256", "512");

    private PatProperties() {
    }

    /** Checks every {@code pat.*} property that is set; throws naming the first bad one. */
    public static void check() {
        String backend = System.getProperty(Backends.PROPERTY);
        if (backend != null && !BACKENDS.contains(backend.trim().toLowerCase(Locale.ROOT))) {
            throw bad(Backends.PROPERTY, backend, "one of " + BACKENDS);
        }
        threads(1);
        progressBar();
        String bits = System.getProperty(VECTOR_BITS);
        if (bits != null && !bits.isBlank()) {
            if (!VECTOR_SIZES.contains(bits.trim())) {
                throw bad(VECTOR_BITS, bits, "one of " + VECTOR_SIZES);
            }
            BackendStatus simd = Backends.probe(BackendKind.SIMD);
            if (!simd.available()) { // e.g. wider than the CPU: SIMD would be unavailable, never a quiet scalar run
                throw new IllegalArgumentException("-D" + VECTOR_BITS + "=" + bits + ": " + simd.detail());
            }
        }
        if (System.getProperty(org.patengine.kernels.opencl.OpenClDeviceSpec.PROPERTY) != null) {
            org.patengine.kernels.opencl.OpenClDeviceSpec.fromSystemProperty(); // names the value and the accepted forms
        }
        String required = System.getProperty(Backends.REQUIRE_PROPERTY);
        if (required != null) {
            for (String part : required.split(",")) {
                if (!part.isBlank() && !BACKENDS.subList(1, BACKENDS.size()).contains(part.trim().toLowerCase(Locale.ROOT))) {
                    throw bad(Backends.REQUIRE_PROPERTY, required, "comma-separated names among " + BACKENDS.subList(1, BACKENDS.size()));
                }
            }
        }
    }

    /** {@value #THREADS} when set (a whole number ≥ 1, else an error naming it), else {@code otherwise}. */
    public static int threads(int otherwise) {
        String v = System.getProperty(THREADS);
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with what the property takes
        }
        throw bad(THREADS, v, "a whole number >= 1");
    }

    /**
     * Whether to draw a progress bar: {@value #PROGRESS} when set, else whether the JVM runs in a
     * terminal. Drawn into a log file, a bar is hundreds of carriage-return frames; there, the
     * line per epoch is the progress.
     */
    public static boolean progressBar() {
        String v = System.getProperty(PROGRESS);
        if (v == null) {
            java.io.Console console = System.console();
            return console != null && console.isTerminal();
        }
        String value = v.trim().toLowerCase(Locale.ROOT);
        if (!PROGRESS_VALUES.contains(value)) {
            throw bad(PROGRESS, v, "one of " + PROGRESS_VALUES);
        }
        return value.equals("bar");
    }

    /**
     * The backend to use for {@code --backend} (null when not given): the option, else
     * {@value Backends#PROPERTY}, else auto; both set to different backends is an error.
     */
    public static String backend(String option) {
        String property = System.getProperty(Backends.PROPERTY);
        if (option == null) {
            return property == null ? "auto" : property.trim().toLowerCase(Locale.ROOT);
        }
        if (property != null && !property.trim().equalsIgnoreCase(option.trim())) {
            throw new IllegalArgumentException("--backend " + option + " and -D" + Backends.PROPERTY + "=" + property
                    + " disagree: give one of them");
        }
        return option.trim().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException bad(String property, String value, String expected) {
        return new IllegalArgumentException("-D" + property + "='" + value + "' is not valid: expected " + expected);
    }
}
