package org.patengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every pat.* property that is set takes a valid value or is an error naming it; never a silent default. */
class PatPropertiesTest {

    /** Runs {@code body} with {@code key} set to {@code value} (null: cleared), then restores it. */
    private static void with(String key, String value, Executable body) throws Throwable {
        String old = System.getProperty(key);
        try {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
            body.execute();
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    private static void refused(String key, String value, String... parts) throws Throwable {
        with(key, value, () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, PatProperties::check, key + "=" + value);
            for (String p : parts) {
                assertTrue(e.getMessage().contains(p), e.getMessage());
            }
        });
    }

    @Test
    void badValuesAreRefusedNamingThePropertyAndWhatItTakes() throws Throwable {
        refused(Backends.PROPERTY, "bogus", "-Dpat.backend='bogus'", "[auto, scalar, simd, opencl]");
        refused(PatProperties.THREADS, "abc", "-Dpat.threads='abc'", "a whole number >= 1");
        refused(PatProperties.THREADS, "0", "-Dpat.threads='0'");
        refused(PatProperties.THREADS, "1.5", "-Dpat.threads='1.5'");
        refused(PatProperties.VECTOR_BITS, "1024", "-Dpat.vectorBitSize='1024'", "[64, 128, 256, 512]");
        refused(PatProperties.VECTOR_BITS, "wide", "-Dpat.vectorBitSize='wide'");
        refused("pat.opencl.device", "fastest", "pat.opencl.device='fastest'");
        refused(Backends.REQUIRE_PROPERTY, "opencl,cuda", "-Dpat.requireBackend='opencl,cuda'", "[scalar, simd, opencl]");
        refused(PatProperties.PROGRESS, "yes", "-Dpat.progress='yes'", "[bar, none]");
    }

    /** The launcher says whether standard error is a terminal; without it, a JVM whose streams are redirected draws no bar. */
    @Test
    void theProgressBarIsDrawnOnlyWhereAsked() throws Throwable {
        with(PatProperties.PROGRESS, "bar", () -> assertTrue(PatProperties.progressBar()));
        with(PatProperties.PROGRESS, "None", () -> assertEquals(false, PatProperties.progressBar()));
        with(PatProperties.PROGRESS, null, () -> assertEquals(false, PatProperties.progressBar(), "surefire's forked JVM has no terminal"));
    }

    @Test
    void goodValuesPass() throws Throwable {
        with(Backends.PROPERTY, "SIMD", PatProperties::check);
        with(PatProperties.THREADS, "3", () -> assertEquals(3, PatProperties.threads(7)));
        with(PatProperties.THREADS, null, () -> assertEquals(7, PatProperties.threads(7)));
        with(Backends.REQUIRE_PROPERTY, "opencl, simd", PatProperties::check);
    }

    @Test
    void theOptionAndThePropertyAreOneRule() throws Throwable {
        with(Backends.PROPERTY, null, () -> {
            assertEquals("auto", PatProperties.backend(null));
            assertEquals("scalar", PatProperties.backend("Scalar"));
        });
        with(Backends.PROPERTY, "scalar", () -> {
            assertEquals("scalar", PatProperties.backend(null));
            assertEquals("scalar", PatProperties.backend("scalar"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PatProperties.backend("simd"));
            assertTrue(e.getMessage().contains("--backend simd and -Dpat.backend=scalar disagree"), e.getMessage());
        });
    }
}
