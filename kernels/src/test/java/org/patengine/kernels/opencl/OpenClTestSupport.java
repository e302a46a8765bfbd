package org.patengine.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendTestSupport;
import org.patengine.testkit.AllocationProbe;

/** Skips (or, with {@code -Dpat.requireBackend=opencl}, fails) a test when OpenCL is unavailable. */
final class OpenClTestSupport {
    private OpenClTestSupport() {
    }

    /** The shared context, after the same availability check as every backend test. */
    static OpenClContext contextOrSkip() {
        BackendTestSupport.backendOrSkip(BackendKind.OPENCL);
        return OpenClContext.shared();
    }

    /**
     * Runs every op {@code warmup} times (C2 compiles the call paths), then asserts that 100 more
     * calls of each allocate nothing on the calling thread, the only Java thread an OpenCL kernel uses.
     */
    static void assertOpsAllocateNothing(String what, Map<String, Runnable> ops, int warmup) {
        for (int i = 0; i < warmup; i++) {
            for (Runnable op : ops.values()) {
                op.run();
            }
        }
        AllocationProbe probe = AllocationProbe.of(null);
        Map<String, Long> allocating = new LinkedHashMap<>();
        for (Map.Entry<String, Runnable> op : ops.entrySet()) {
            long leftover = probe.leftover(() -> {
                for (int i = 0; i < 100; i++) {
                    op.getValue().run();
                }
            }, Duration.ofSeconds(20));
            if (leftover > 0) {
                allocating.put(op.getKey() + " (bytes in 100 calls)", leftover);
            }
        }
        assertTrue(allocating.isEmpty(), what + ": bytes per call still allocated after warm-up " + allocating);
    }
}
