package org.patengine.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;
import org.patengine.kernels.simd.SimdMath;

/**
 * Every benchmark fork carries the JIT flags in {@code jvmArgsPrepend}, never in
 * {@code jvmArgsAppend}: a {@code -jvmArgsAppend -Dpat.threads=2} on JMH's command line replaces
 * the annotation's append list, and with it the flags (the step then measured 2.5 MB per call of
 * boxed vectors). The benchmark classes are found from the sources, so a new one is checked too.
 */
class ForkFlagsTest {

    @Test
    void everyForkPrependsTheJitFlags() throws IOException, ClassNotFoundException {
        Path src = Path.of("src/main/java");
        List<String> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                if (Files.readString(f).contains("@Fork(")) {
                    String rel = src.relativize(f).toString();
                    classes.add(rel.substring(0, rel.length() - ".java".length()).replace('/', '.'));
                }
            }
        }
        assertTrue(classes.size() >= 6, "benchmark classes with @Fork found: " + classes);
        for (String name : classes) {
            Fork fork = Class.forName(name).getAnnotation(Fork.class);
            List<String> prepend = Arrays.asList(fork.jvmArgsPrepend());
            assertTrue(prepend.contains(SimdMath.JIT_INLINE) && prepend.contains(SimdMath.JIT_QUIET)
                    && prepend.contains("jdk.incubator.vector"), name + ": @Fork jvmArgsPrepend " + prepend);
            assertFalse(Arrays.asList(fork.jvmArgsAppend()).contains(SimdMath.JIT_INLINE),
                    name + ": the JIT flags belong in jvmArgsPrepend, which the command line's -jvmArgsAppend leaves alone");
        }
    }
}
