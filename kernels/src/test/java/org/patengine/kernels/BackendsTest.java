package org.patengine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void scalarIsAlwaysAvailable() {
        assertTrue(Backends.probe(BackendKind.SCALAR).available());
        assertEquals(BackendKind.SCALAR, Backends.select("scalar").kind());
    }

    @Test
    void unknownNameIsRejectedWithTheAcceptedNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.select("cuda"));
        assertTrue(e.getMessage().contains("'cuda'") && e.getMessage().contains("opencl"), e.getMessage());
    }

    @Test
    void autoPicksAnAvailableBackend() {
        BackendKind auto = Backends.autoKind();
        assertTrue(Backends.probe(auto).available());
        assertEquals(auto, Backends.select("auto").kind());
    }

    @Test
    void forcingAnUnavailableBackendThrowsWithTheReason() {
        for (BackendStatus s : Backends.probeAll()) {
            if (!s.available()) {
                BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> Backends.get(s.kind()));
                assertTrue(e.getMessage().contains(s.detail()), e.getMessage());
            } else {
                assertEquals(s.kind(), Backends.get(s.kind()).kind());
            }
        }
    }

    @Test
    void everyRequiredBackendIsAvailable() {
        for (BackendKind k : BackendKind.values()) {
            if (Backends.isRequired(k)) {
                BackendStatus s = Backends.probe(k);
                assertTrue(s.available(), "required backend " + k.id() + " unavailable: " + s.detail());
            }
        }
    }
}
