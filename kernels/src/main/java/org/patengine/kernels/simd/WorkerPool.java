package org.patengine.kernels.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of daemon threads that run the parts of one task together with the caller, without
 * allocating per call: the task is a reusable object, the hand-off is a volatile generation counter,
 * and waiting is a short spin followed by {@link LockSupport#park}.
 *
 * <p>One task at a time: a caller first {@link #tryAcquire()}s the pool; a caller that cannot (the
 * pool is busy with another thread's work) should run its work serially instead of queueing.
 */
public final class WorkerPool {

    /** One part of a split task. */
    public interface Task {
        /** Runs part {@code part} of {@code parts} (part 0 runs on the calling thread). */
        void run(int part, int parts);
    }

    private static final int SPINS = 1 << 14;

    private final Thread[] workers;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile int generation;
    private volatile Task task;
    private volatile int parts;
    private volatile Thread caller;
    private volatile Throwable failure;

    /** A pool that runs up to {@code threads} parts at once (the caller plus threads − 1 workers). */
    public WorkerPool(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            final int part = i + 1;
            Thread t = new Thread(() -> workLoop(part), name + "-" + part);
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
        // Every worker takes part in every generation (idle ones just check in), so a worker can
        // never mix the fields of two generations.
        remaining.set(workers.length);
        generation++; // volatile write: publishes the fields above to the workers
        for (int i = 0; i < workers.length; i++) {
            LockSupport.unpark(workers[i]);
        }
        Throwable own = null;
        try {
            t.run(0, nParts);
        } catch (Throwable e) {
            own = e;
        }
        int spins = 0;
        while (remaining.get() > 0) {
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

    private void workLoop(int part) {
        int seen = 0;
        while (true) {
            int spins = 0;
            int g;
            while ((g = generation) == seen) {
                if (spins < SPINS) {
                    spins++;
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = g;
            try {
                int n = parts;
                if (part < n) {
                    task.run(part, n);
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                if (remaining.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }
}
