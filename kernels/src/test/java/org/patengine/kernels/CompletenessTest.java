package org.patengine.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** Fails when an operation of {@link ComputeBackend} has no equivalence test marked {@link Covers}. */
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
}
