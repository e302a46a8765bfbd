package org.patengine.kernels.simd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The launchers pass {@link SimdMath#JIT_QUIET} and {@link SimdMath#JIT_INLINE} (without them C2
 * may decline to inline the sine polynomial and the training step allocates, by compile timing):
 * this test JVM (surefire's argLine), the {@code pat} launcher and the root pom that defines the
 * argLine. The JMH forks get them from the constants themselves, in {@code @Fork(jvmArgsPrepend)}
 * (ForkFlagsTest), and refuse to measure without them ({@link JitFlags#require}).
 */
class JitFlagsTest {

    @Test
    void theTestJvmRunsWithTheInliningFlags() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(args.contains(SimdMath.JIT_INLINE), "JVM arguments " + args + " lack " + SimdMath.JIT_INLINE);
        assertTrue(args.contains(SimdMath.JIT_QUIET), "JVM arguments " + args + " lack " + SimdMath.JIT_QUIET);
        assertTrue(JitFlags.present(), "JitFlags.present() in a JVM that has them");
    }

    @Test
    void jitFlagsFindsTheInliningFlagOnlyWhenPassed() {
        assertTrue(JitFlags.present(List.of("-Xss4m", SimdMath.JIT_QUIET, SimdMath.JIT_INLINE)));
        assertFalse(JitFlags.present(List.of("-Xss4m", SimdMath.JIT_QUIET, "-Dpat.threads=2")));
        assertFalse(JitFlags.present(List.of()));
    }

    @Test
    void theWarningNamesTheFlagsOnlyWhenOneIsMissing() {
        String w = JitFlags.warning(List.of("-Xss4m"));
        assertTrue(w != null && w.contains(SimdMath.JIT_INLINE) && w.contains(SimdMath.JIT_QUIET), w);
        assertTrue(JitFlags.warning(List.of(SimdMath.JIT_QUIET, SimdMath.JIT_INLINE)) == null);
    }

    @Test
    void theLauncherAndThePomPassThem() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent(); // surefire runs in the module's folder
        String pat = Files.readString(root.resolve("pat"));
        assertTrue(pat.contains("'" + SimdMath.JIT_INLINE + "'") && pat.contains(SimdMath.JIT_QUIET),
                "the pat launcher must pass " + SimdMath.JIT_QUIET + " and " + SimdMath.JIT_INLINE);
        String pom = Files.readString(root.resolve("pom.xml"));
        assertTrue(pom.contains(SimdMath.JIT_QUIET + " " + SimdMath.JIT_INLINE),
                "the root pom's jit.flags must be " + SimdMath.JIT_QUIET + " " + SimdMath.JIT_INLINE);
    }
}
