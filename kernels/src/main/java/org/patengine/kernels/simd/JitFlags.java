package org.patengine.kernels.simd;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Whether this JVM was started with {@link SimdMath#JIT_INLINE} (see {@link SimdMath}'s class
 * comment: without it C2 may box the SIMD kernels' vectors, by the luck of compile timing, and the
 * training step allocates megabytes). A benchmark fork checks it before it measures anything: JMH's
 * {@code -jvmArgsAppend} on the command line replaces the {@code @Fork}'s own, which is how the
 * flag was once lost and 2.5 MB per step measured.
 */
public final class JitFlags {
    private JitFlags() {
    }

    /** True when the JVM's input arguments include {@link SimdMath#JIT_INLINE}. */
    public static boolean present() {
        return present(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    static boolean present(List<String> jvmArguments) {
        return jvmArguments.contains(SimdMath.JIT_INLINE);
    }

    private static volatile boolean warned;

    /**
     * Once per JVM, on standard error: what an application that creates SIMD kernels without
     * {@link SimdMath#JIT_INLINE} should expect, and the flags to pass. The SIMD backend and kernels
     * call it when they are created; {@code ./pat}, the tests and the benchmarks pass the flags.
     */
    public static void warnOnceIfMissing() {
        if (warned) {
            return;
        }
        warned = true;
        String w = warning(ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (w != null) {
            System.err.println(w);
        }
    }

    /** The warning for a JVM started with these arguments, or null when they carry the flag. */
    static String warning(List<String> jvmArguments) {
        return present(jvmArguments) ? null
                : "pat-engine: this JVM lacks " + SimdMath.JIT_INLINE + ": the SIMD kernels may box their vectors"
                        + " (allocation on every call, slower steps). Start the JVM with " + SimdMath.JIT_QUIET + " "
                        + SimdMath.JIT_INLINE + ", as ./pat does.";
    }

    /**
     * Throws naming the missing flag and how to pass it unless {@link #present()}; {@code who} names
     * the caller (a benchmark) in the message.
     */
    public static void require(String who) {
        if (!present()) {
            throw new IllegalStateException(who + ": this JVM lacks " + SimdMath.JIT_INLINE
                    + " (arguments " + ManagementFactory.getRuntimeMXBean().getInputArguments()
                    + "); without it the SIMD kernels may box their vectors and the figures are not the engine's."
                    + " Pass it (and " + SimdMath.JIT_QUIET + ") to the JVM; a JMH -jvmArgs on the command line"
                    + " replaces the @Fork's jvmArgsPrepend that carries it");
        }
    }
}
