package org.patengine.kernels.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The claim-based hand-off: every part exactly once, part 0 on the caller, failures rethrown. */
class WorkerPoolTest {

    /** Counts how often each part ran and remembers the thread that ran part 0. */
    private static final class Counting implements WorkerPool.Task {
        final AtomicIntegerArray runs = new AtomicIntegerArray(8);
        final AtomicReference<Thread> part0 = new AtomicReference<>();
        volatile int spin;

        @Override
        public void run(int part, int parts) {
            if (part == 0) {
                part0.set(Thread.currentThread());
            }
            for (int i = 0; i < spin; i++) {
                Thread.onSpinWait();
            }
            runs.incrementAndGet(part);
        }
    }

    @Test
    void everyPartRunsExactlyOnceAndPartZeroOnTheCaller() {
        SplittableRandom r = new SplittableRandom(11);
        for (int threads : new int[] {2, 3}) {
            WorkerPool pool = new WorkerPool(threads, "test-pool");
            Counting task = new Counting();
            for (int call = 0; call < 20_000; call++) {
                int parts = 1 + r.nextInt(threads);
                task.spin = r.nextInt(200); // vary who finishes first and who claims what
                for (int p = 0; p < 8; p++) {
                    task.runs.set(p, 0);
                }
                assertTrue(pool.tryAcquire());
                try {
                    pool.invoke(task, parts);
                } finally {
                    pool.release();
                }
                for (int p = 0; p < 8; p++) {
                    assertEquals(p < parts ? 1 : 0, task.runs.get(p),
                            "call " + call + ": part " + p + " of " + parts + " on " + threads + " threads");
                }
                assertSame(Thread.currentThread(), task.part0.get());
            }
        }
    }

    @Test
    void invokeWaitsForAPartStartedOnAnotherThread() {
        WorkerPool pool = new WorkerPool(2, "test-pool");
        boolean[] finished = new boolean[1];
        WorkerPool.Task slow = (part, parts) -> {
            if (part == 1) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                finished[0] = true;
            }
        };
        assertTrue(pool.tryAcquire());
        try {
            pool.invoke(slow, 2);
        } finally {
            pool.release();
        }
        assertTrue(finished[0]);
    }

    @Test
    void aFailingPartIsRethrownAndThePoolStaysUsable() {
        WorkerPool pool = new WorkerPool(2, "test-pool");
        WorkerPool.Task failing = (part, parts) -> {
            if (part == 1) {
                throw new IllegalStateException("part 1 failed");
            }
        };
        assertTrue(pool.tryAcquire());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.invoke(failing, 2));
            assertEquals("part 1 failed", e.getMessage());
            Counting ok = new Counting();
            pool.invoke(ok, 2);
            assertEquals(1, ok.runs.get(0));
            assertEquals(1, ok.runs.get(1));
        } finally {
            pool.release();
        }
    }

    @Test
    void rejectsMisuse() {
        WorkerPool pool = new WorkerPool(2, "test-pool");
        WorkerPool.Task nothing = (part, parts) -> { };
        IllegalStateException notHeld = assertThrows(IllegalStateException.class, () -> pool.invoke(nothing, 2));
        assertTrue(notHeld.getMessage().contains("tryAcquire"), notHeld.getMessage());
        assertTrue(pool.tryAcquire());
        try {
            IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> pool.invoke(nothing, 3));
            assertTrue(tooMany.getMessage().contains("was 3"), tooMany.getMessage());
            assertThrows(IllegalArgumentException.class, () -> pool.invoke(nothing, 0));
        } finally {
            pool.release();
        }
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0, "x"));
        assertTrue(zero.getMessage().contains("was 0"), zero.getMessage());
    }
}
