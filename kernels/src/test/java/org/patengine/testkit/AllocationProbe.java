package org.patengine.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap bytes allocated while a piece of code runs, for "the steady state allocates nothing" tests:
 * HotSpot's per-thread allocation counters of the calling thread plus the worker threads whose names
 * start with a given prefix (the kernels' pools: "pat-" for all of them), summed around the code.
 *
 * <p>How a measurement is taken: reading the counters allocates a little itself, so the overhead is
 * the smallest of five empty windows; a window's leftover is its bytes minus that overhead, and only
 * a positive leftover counts. Until C2 has compiled (or after it recompiles) a vector loop, its
 * vectors are boxed; on a loaded machine that can take a while, so windows are retried until one is
 * clean, at least five times and for up to {@link #PATIENCE}. Code that really allocates fails every
 * window.
 *
 * <p>Typical use, after a warm-up loop: {@code AllocationProbe.assertNoAllocation("forward", () -> k.forward(...))},
 * or {@code AllocationProbe.bytes(warm, measured)} to look at the number.
 */
public final class AllocationProbe {
    /** How long windows are retried before a leftover is reported. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The threads measured besides the calling one: every pool thread of the kernels is "pat-…". */
    public static final String POOL_PREFIX = "pat-";

    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final List<Thread> threads;
    private final long overhead;

    private AllocationProbe(List<Thread> threads) {
        this.threads = threads;
        long o = Long.MAX_VALUE;
        for (int window = 0; window < 5; window++) {
            o = Math.min(o, window(() -> { }));
        }
        this.overhead = o;
    }

    /**
     * A probe of the calling thread and of the live threads whose names start with
     * {@code threadPrefix} (none when null). Create it after the warm-up: pools start lazily.
     */
    public static AllocationProbe of(String threadPrefix) {
        List<Thread> threads = new ArrayList<>();
        threads.add(Thread.currentThread());
        if (threadPrefix != null) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t != Thread.currentThread() && t.getName().startsWith(threadPrefix)) {
                    threads.add(t);
                }
            }
        }
        return new AllocationProbe(threads);
    }

    /**
     * Runs {@code warm} once, then returns the best window's leftover bytes of {@code measured} on
     * the calling thread and the kernels' pool threads (0 when some window was clean).
     */
    public static long bytes(Runnable warm, Runnable measured) {
        warm.run();
        return of(POOL_PREFIX).leftover(measured);
    }

    /** Fails naming {@code what} unless some window of {@code measured} allocates nothing. */
    public static void assertNoAllocation(String what, Runnable measured) {
        assertEquals(0, of(POOL_PREFIX).leftover(measured), what + ": bytes allocated in the best window");
    }

    /** The threads this probe sums over. */
    public List<Thread> threads() {
        return List.copyOf(threads);
    }

    /** The best window's leftover bytes of {@code measured}, retried for up to {@link #PATIENCE}. */
    public long leftover(Runnable measured) {
        return leftover(measured, PATIENCE);
    }

    /** As {@link #leftover(Runnable)}, retried for up to {@code patience}. */
    public long leftover(Runnable measured, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        long leftover = Long.MAX_VALUE;
        for (int attempt = 0; leftover > 0 && (attempt < 5 || System.nanoTime() < deadline); attempt++) {
            leftover = Math.min(leftover, Math.max(0, window(measured) - overhead));
        }
        return leftover;
    }

    /** Bytes allocated by the probe's threads while {@code work} runs. */
    private long window(Runnable work) {
        long before = 0;
        for (Thread t : threads) {
            before += MX.getThreadAllocatedBytes(t.threadId());
        }
        work.run();
        long after = 0;
        for (Thread t : threads) {
            after += MX.getThreadAllocatedBytes(t.threadId());
        }
        return after - before;
    }
}
