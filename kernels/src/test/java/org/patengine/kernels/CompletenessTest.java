package org.patengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Fails when an operation of {@link ComputeBackend} has no equivalence test marked {@link Covers},
 * when a kernel family lacks a kernel on some backend (families × backends), or when a family has no
 * equivalence test marked {@code @Covers(family name)}. Families are found by reflection: every
 * static {@link KernelFamily} field of the module's main classes.
 */
class CompletenessTest {
    private static final Set<String> NOT_OPERATIONS = Set.of("kind", "description");

    @Test
    void everyOperationHasAnEquivalenceTest() {
        Set<String> covered = new TreeSet<>();
        for (Method m : BackendEquivalenceTest.class.getDeclaredMethods()) {
            Covers c = m.getAnnotation(Covers.class);
            if (c != null) {
                covered.add(c.value());
            }
        }
        Set<String> missing = new TreeSet<>();
        for (Method m : ComputeBackend.class.getMethods()) {
            if (!NOT_OPERATIONS.contains(m.getName()) && !covered.contains(m.getName())) {
                missing.add(m.getName());
            }
        }
        assertTrue(missing.isEmpty(), "ComputeBackend operations without an equivalence test: " + missing);
    }

    @Test
    void everyKernelFamilyHasAKernelOnEveryBackend() throws Exception {
        List<KernelFamily<?, ?>> families = families();
        assertFalse(families.isEmpty(), "no KernelFamily constant found in the main classes");
        assertEquals(Set.copyOf(families), Set.copyOf(KernelFamily.all()),
                "every registered family is a static constant of a main class");
        List<String> problems = new ArrayList<>();
        for (KernelFamily<?, ?> f : families) {
            for (BackendKind kind : BackendKind.values()) {
                String cls = f.implementation(kind);
                if (cls == null) {
                    problems.add(f.name() + " × " + kind.id() + ": no implementation named");
                    continue;
                }
                Class<?> c = Class.forName(cls, false, getClass().getClassLoader());
                if (!f.kernelType().isAssignableFrom(c) || !Modifier.isPublic(c.getModifiers())
                        || Modifier.isAbstract(c.getModifiers())) {
                    problems.add(f.name() + " × " + kind.id() + ": " + cls + " is not a public concrete "
                            + f.kernelType().getSimpleName());
                }
                Constructor<?> ctor = c.getConstructor(f.specType(), int.class);
                if (!Modifier.isPublic(ctor.getModifiers())) {
                    problems.add(f.name() + " × " + kind.id() + ": constructor (spec, maxBatch) is not public");
                }
                String home = switch (kind) {
                    case SCALAR -> f.kernelType().getPackageName();
                    case SIMD -> "org.patengine.kernels.simd";
                    case OPENCL -> "org.patengine.kernels.opencl";
                };
                if (!c.getPackageName().equals(home)) {
                    problems.add(f.name() + " × " + kind.id() + ": " + cls + " should live in " + home);
                }
            }
        }
        assertTrue(problems.isEmpty(), "kernel families × backends: " + problems);
    }

    @Test
    void everyKernelFamilyHasAnEquivalenceTest() throws Exception {
        Set<String> covered = new TreeSet<>();
        for (Class<?> c : classesBeside(CompletenessTest.class)) {
            if (!c.getSimpleName().endsWith("EquivalenceTest")) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                Covers cov = m.getAnnotation(Covers.class);
                if (cov != null) {
                    covered.add(cov.value());
                }
            }
        }
        Set<String> missing = new TreeSet<>();
        for (KernelFamily<?, ?> f : families()) {
            if (!covered.contains(f.name())) {
                missing.add(f.name());
            }
        }
        assertTrue(missing.isEmpty(), "kernel families without an *EquivalenceTest method marked @Covers(name): "
                + missing);
    }

    /** The values of every static KernelFamily field of the main classes (initialising their holders). */
    static List<KernelFamily<?, ?>> families() throws Exception {
        List<KernelFamily<?, ?>> found = new ArrayList<>();
        for (Class<?> c : classesBeside(KernelFamily.class)) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == KernelFamily.class) {
                    f.setAccessible(true);
                    found.add((KernelFamily<?, ?>) f.get(null));
                }
            }
        }
        return found;
    }

    /** Every class (not initialised) of the classes directory that holds {@code anchor}. */
    private static List<Class<?>> classesBeside(Class<?> anchor) throws IOException, URISyntaxException,
            ClassNotFoundException {
        Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(root)) {
            names = files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("-"))
                    .map(p -> root.relativize(p).toString().replace('/', '.').replace('\\', '.'))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .sorted()
                    .toList();
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String n : names) {
            classes.add(Class.forName(n, false, anchor.getClassLoader()));
        }
        return classes;
    }
}
