package org.patengine.kernels.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of daemon threads that run the parts of one task together with the caller, without
 * allocating per call: the task is a reusable object, the hand-off is one atomic word, and waiting
 * is a short spin followed by {@link LockSupport#park}.
 *
 * <p>Parts are claimed, not assigned: the caller runs part 0, then it and the workers take the
 * remaining parts from a shared counter until none is left. A worker that has not been scheduled
 * yet (the machine is busy with other work, or it was parked) therefore never holds up the call —
 * the caller runs its part too — and a worker that wakes late finds nothing left and goes back to
 * waiting. The caller only waits for parts that another thread has actually started.
 *
 * <p>One task at a time: a caller first {@link #tryAcquire()}s the pool; a caller that cannot (the
 * pool is busy with another thread's work) should run its work serially instead of queueing.
 */
public final class WorkerPool {

    /** One part of a split task. */
    public interface Task {
        /**
         * Runs part {@code part} of {@code parts}. Part 0 runs on the calling thread; the others run
         * on whichever thread claims them first (possibly the caller too), each exactly once.
         */
        void run(int part, int parts);
    }

    private static final int SPINS = 1 << 14;
    private static final int PART_BITS = 16;
    private static final long PART_MASK = (1L << PART_BITS) - 1;

    private final Thread[] workers;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * The claim word: generation (high 32 bits), number of parts (16 bits), next unclaimed part
     * (low 16 bits). A claim is a CAS that bumps the next part within the same generation, so a
     * worker holding a stale generation can never claim a part of a newer call.
     */
    private final AtomicLong claim = new AtomicLong();
    /** Parts other than 0 not yet finished in the current call. */
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Task task;
    private volatile int parts;
    private volatile Thread caller;
    private volatile Throwable failure;

    /** A pool that runs up to {@code threads} parts at once (the caller plus threads − 1 workers). */
    public WorkerPool(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (threads > PART_MASK) {
            throw new IllegalArgumentException("threads must be <= " + PART_MASK + ", was " + threads);
        }
        workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            Thread t = new Thread(this::workLoop, name + "-" + (i + 1));
            t.setDaemon(true);
            workers[i] = t;
            t.start();
        }
    }

    /** The most parts one call can run at once. */
    public int threads() {
        return workers.length + 1;
    }

    /** Takes the pool for one {@link #invoke}; false when another thread holds it. */
    public boolean tryAcquire() {
        return lock.tryLock();
    }

    /** Gives the pool back after {@link #tryAcquire()}. */
    public void release() {
        lock.unlock();
    }

    /**
     * Runs {@code task} split into {@code nParts} parts (1 ≤ nParts ≤ {@link #threads()}) and waits
     * for all of them. The caller must hold the pool. A failure in any part is rethrown here.
     */
    public void invoke(Task t, int nParts) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("invoke without tryAcquire");
        }
        if (nParts < 1 || nParts > threads()) {
            throw new IllegalArgumentException("parts must be in [1, " + threads() + "], was " + nParts);
        }
        if (nParts == 1) {
            t.run(0, 1);
            return;
        }
        failure = null;
        task = t;
        parts = nParts;
        caller = Thread.currentThread();
        pending.set(nParts - 1);
        long generation = ((claim.get() >>> 32) + 1) & 0xFFFF_FFFFL;
        // volatile write: publishes task, parts, caller and pending to whoever claims a part
        claim.set(generation << 32 | (long) nParts << PART_BITS | 1);
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        Throwable own = null;
        try {
            t.run(0, nParts);
        } catch (Throwable e) {
            own = e;
        }
        int part;
        while ((part = claimPart(generation)) >= 0) {
            runPart(t, part, nParts);
        }
        int spins = 0;
        while (pending.get() > 0) {
            if (spins < SPINS) {
                spins++;
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        task = null;
        Throwable f = own != null ? own : failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
        if (f != null) {
            throw new IllegalStateException("worker failed", f);
        }
    }

    /** Claims the next part of call {@code generation}; −1 when none is left (or the call is over). */
    private int claimPart(long generation) {
        while (true) {
            long c = claim.get();
            if (c >>> 32 != generation) {
                return -1;
            }
            int next = (int) (c & PART_MASK);
            if (next >= (int) (c >>> PART_BITS & PART_MASK)) {
                return -1;
            }
            if (claim.compareAndSet(c, c + 1)) {
                return next;
            }
        }
    }

    /** Runs a claimed part (never part 0) and counts it done; the last one wakes the caller. */
    private void runPart(Task t, int part, int nParts) {
        try {
            t.run(part, nParts);
        } catch (Throwable e) {
            failure = e;
        } finally {
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    private void workLoop() {
        long seen = 0;
        while (true) {
            int spins = 0;
            long generation;
            while ((generation = claim.get() >>> 32) == seen) {
                if (spins < SPINS) {
                    spins++;
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = generation;
            int part;
            while ((part = claimPart(generation)) >= 0) {
                // The claim succeeded in this generation and its caller waits for this part, so
                // task, parts and caller are still the ones published with it.
                runPart(task, part, parts);
            }
        }
    }
}
