package org.patengine.kernels;

import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A kernel sized for the largest batch seen so far, for any kernel family: a larger batch closes
 * the current kernel and creates one for that batch (kernels size their workspaces for a maximum
 * batch), after which calls up to it allocate nothing. Not thread-safe, like the kernels.
 *
 * @param <K> the kernel type
 */
public final class KernelSlot<K extends SystemKernel<?, ?>> implements AutoCloseable {
    private final IntFunction<? extends K> factory;
    private K kernel;

    /** A slot whose kernels come from {@code factory.apply(maxBatch)}. */
    public KernelSlot(IntFunction<? extends K> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** A slot of {@code family}'s kernels for {@code spec} on {@code backend}. */
    public <S> KernelSlot(KernelFamily<S, ? extends K> family, ComputeBackend backend, S spec) {
        this(maxBatch -> family.create(backend, spec, maxBatch));
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(spec, "spec");
    }

    /**
     * A kernel whose maxBatch is at least {@code batch}: the current one, or (first call, or a larger
     * batch) a new one for exactly {@code batch}, after closing the previous one.
     *
     * @throws IllegalArgumentException for batch &lt; 1
     */
    public K forBatch(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, was " + batch);
        }
        if (kernel == null || kernel.maxBatch() < batch) {
            close();
            kernel = factory.apply(batch);
        }
        return kernel;
    }

    /** Closes the current kernel, if any; the next {@link #forBatch} creates a new one. */
    @Override
    public void close() {
        if (kernel != null) {
            K k = kernel;
            kernel = null;
            try {
                k.close();
            } catch (RuntimeException e) {
                throw new IllegalStateException("closing the previous kernel failed", e);
            }
        }
    }
}
