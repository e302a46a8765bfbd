package org.patengine.kernels;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One physical system's kernels, one class per backend, found by class name: the contract's
 * package names its implementations without importing them, so it never depends on a backend
 * package (the way Lucene's {@code VectorizationProvider} finds its Panama implementation), and a
 * backend whose classes cannot load here (no Vector API module, no {@code libOpenCL}) costs nothing
 * until it is asked for.
 *
 * <p>Each implementation is a public subclass of the family's kernel type with a public constructor
 * {@code (S spec, int maxBatch)}. Adding a system is one family constant plus its classes; the
 * completeness test enumerates {@link #all()} × {@link BackendKind} and checks every pair.
 *
 * @param <S> the spec (shape) a kernel is built for
 * @param <K> the family's kernel type
 */
public final class KernelFamily<S, K extends SystemKernel<?, ?>> {
    private static final List<KernelFamily<?, ?>> ALL = new CopyOnWriteArrayList<>();

    private final String name;
    private final Class<S> specType;
    private final Class<K> kernelType;
    private final Map<BackendKind, String> implementations;
    private final Map<BackendKind, Constructor<? extends K>> constructors = new EnumMap<>(BackendKind.class);

    /** An unregistered family (tests); {@link #register} for real ones. */
    KernelFamily(String name, Class<S> specType, Class<K> kernelType, Map<BackendKind, String> implementations) {
        this.name = Objects.requireNonNull(name, "name");
        this.specType = Objects.requireNonNull(specType, "specType");
        this.kernelType = Objects.requireNonNull(kernelType, "kernelType");
        this.implementations = Collections.unmodifiableMap(new EnumMap<>(implementations));
    }

    /**
     * A family, registered in {@link #all()}.
     *
     * @param implementations the implementation's fully qualified class name per backend
     * @throws IllegalArgumentException when a family of that name exists already
     */
    public static synchronized <S, K extends SystemKernel<?, ?>> KernelFamily<S, K> register(
            String name, Class<S> specType, Class<K> kernelType, Map<BackendKind, String> implementations) {
        for (KernelFamily<?, ?> f : ALL) {
            if (f.name.equals(name)) {
                throw new IllegalArgumentException("kernel family '" + name + "' is registered already");
            }
        }
        KernelFamily<S, K> f = new KernelFamily<>(name, specType, kernelType, implementations);
        ALL.add(f);
        return f;
    }

    /** Every family registered so far (a family registers when its holder class initialises). */
    public static List<KernelFamily<?, ?>> all() {
        return new ArrayList<>(ALL);
    }

    /** The family's name, e.g. "oscillators". */
    public String name() {
        return name;
    }

    public Class<S> specType() {
        return specType;
    }

    public Class<K> kernelType() {
        return kernelType;
    }

    /** The implementation's class name on {@code kind}, or null when the family has none there. */
    public String implementation(BackendKind kind) {
        return implementations.get(kind);
    }

    /** A kernel for {@code spec} and batches up to {@code maxBatch} on {@code backend}'s kind. */
    public K create(ComputeBackend backend, S spec, int maxBatch) {
        return create(backend.kind(), spec, maxBatch);
    }

    /**
     * A kernel for {@code spec} and batches up to {@code maxBatch} on {@code kind}.
     *
     * @throws BackendUnavailableException when the family has no kernel for {@code kind}, or its
     *                                     classes or native libraries cannot load here
     * @throws IllegalArgumentException    from the kernel's constructor (e.g. maxBatch &lt; 1)
     */
    public K create(BackendKind kind, S spec, int maxBatch) {
        Objects.requireNonNull(spec, "spec");
        Constructor<? extends K> c = constructor(kind);
        try {
            return c.newInstance(spec, maxBatch);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LinkageError le) {
                throw unavailable(kind, le);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("creating the " + name + " kernel for " + kind.id() + " failed", cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + c.getDeclaringClass().getName(), e);
        }
    }

    /** The implementation's (spec, maxBatch) constructor on {@code kind}, loaded once. */
    private synchronized Constructor<? extends K> constructor(BackendKind kind) {
        Constructor<? extends K> c = constructors.get(kind);
        if (c != null) {
            return c;
        }
        String cls = implementations.get(kind);
        if (cls == null) {
            throw new BackendUnavailableException("kernel family '" + name + "' has no kernel for backend '"
                    + kind.id() + "' (it has " + implementations.keySet() + ")");
        }
        try {
            Class<? extends K> type = Class.forName(cls, true, KernelFamily.class.getClassLoader()).asSubclass(kernelType);
            c = type.getConstructor(specType, int.class);
        } catch (LinkageError e) {
            throw unavailable(kind, e);
        } catch (ClassNotFoundException | ClassCastException | NoSuchMethodException e) {
            throw new IllegalStateException("kernel family '" + name + "' names " + cls + " for backend '" + kind.id()
                    + "': expected a public subclass of " + kernelType.getName() + " with a public constructor ("
                    + specType.getSimpleName() + ", int)", e);
        }
        constructors.put(kind, c);
        return c;
    }

    private BackendUnavailableException unavailable(BackendKind kind, LinkageError e) {
        return new BackendUnavailableException("the " + name + " kernel for backend '" + kind.id()
                + "' cannot load here: " + e, e);
    }

    @Override
    public String toString() {
        return "kernel family " + name + " " + implementations;
    }
}
