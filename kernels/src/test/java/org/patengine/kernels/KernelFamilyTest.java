package org.patengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.patengine.kernels.osc.OscillatorKernel;
import org.patengine.kernels.osc.OscillatorKernels;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.kernels.osc.ScalarOscillatorKernel;
import org.patengine.kernels.osc.Topology;

/** A family finds its kernels by class name, and says clearly when it cannot. */
class KernelFamilyTest {
    private static final OscillatorSpec SPEC = new OscillatorSpec(3, Topology.RING, 2, 0.5f);

    @Test
    void createsTheNamedClassForTheBackend() {
        OscillatorKernel k = OscillatorKernels.FAMILY.create(BackendKind.SCALAR, SPEC, 4);
        assertInstanceOf(ScalarOscillatorKernel.class, k);
        assertEquals(4, k.maxBatch());
        assertEquals("oscillators", OscillatorKernels.FAMILY.name());
        assertTrue(KernelFamily.all().contains(OscillatorKernels.FAMILY));
    }

    @Test
    void constructorErrorsReachTheCallerUnwrapped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OscillatorKernels.FAMILY.create(BackendKind.SCALAR, SPEC, 0));
        assertTrue(e.getMessage().contains("maxBatch"), e.getMessage());
    }

    @Test
    void aMissingBackendOrAMisnamedClassIsNamed() {
        KernelFamily<OscillatorSpec, OscillatorKernel> f = new KernelFamily<>("test-family", OscillatorSpec.class,
                OscillatorKernel.class, Map.of(BackendKind.SCALAR, "org.patengine.kernels.osc.NoSuchKernel",
                        BackendKind.SIMD, String.class.getName()));
        BackendUnavailableException none = assertThrows(BackendUnavailableException.class,
                () -> f.create(BackendKind.OPENCL, SPEC, 1));
        assertTrue(none.getMessage().contains("no kernel for backend 'opencl'"), none.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> f.create(BackendKind.SCALAR, SPEC, 1));
        assertTrue(missing.getMessage().contains("NoSuchKernel"), missing.getMessage());
        IllegalStateException wrongType = assertThrows(IllegalStateException.class, () -> f.create(BackendKind.SIMD, SPEC, 1));
        assertTrue(wrongType.getMessage().contains("public subclass of " + OscillatorKernel.class.getName()),
                wrongType.getMessage());
    }

    @Test
    void aNameIsRegisteredOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelFamily.register(
                "oscillators", OscillatorSpec.class, OscillatorKernel.class, Map.of()));
        assertTrue(e.getMessage().contains("registered already"), e.getMessage());
    }
}
