package org.patengine.kernels;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.patengine.kernels.opencl.OpenClBackend;
import org.patengine.kernels.simd.SimdBackend;

/**
 * Chooses and creates compute backends.
 *
 * <p>The default backend is chosen once, lazily, from the system property {@value #PROPERTY}
 * ({@code auto|scalar|simd|opencl}, default {@code auto}). {@code auto} picks OpenCL when it runs on
 * a GPU, else SIMD when the Vector API is present, else scalar. Naming a backend that cannot run
 * here throws {@link BackendUnavailableException} with the reason; there is no quiet fallback.
 *
 * <p>Probing is isolated: the SIMD and OpenCL classes are only touched inside {@code try} blocks
 * that catch {@link LinkageError} (a missing incubator module, a missing {@code libOpenCL.so}) and
 * runtime errors from the OpenCL loader, so a machine without OpenCL runs fine on SIMD.
 */
public final class Backends {
    /** Selects the default backend: auto, scalar, simd or opencl. */
    public static final String PROPERTY = "pat.backend";
    /**
     * Comma-separated backends that must be available (used by the tests and CI): a test of a
     * required backend fails instead of being skipped when the backend is missing.
     */
    public static final String REQUIRE_PROPERTY = "pat.requireBackend";

    private static final Map<BackendKind, ComputeBackend> CREATED = new EnumMap<>(BackendKind.class);
    private static final Map<BackendKind, BackendStatus> PROBED = new EnumMap<>(BackendKind.class);

    private Backends() {
    }

    private static final class DefaultHolder {
        static final ComputeBackend DEFAULT = select(System.getProperty(PROPERTY, "auto"));
    }

    /** The process-wide backend chosen by {@value #PROPERTY}. */
    public static ComputeBackend get() {
        return DefaultHolder.DEFAULT;
    }

    /** Resolves a name ({@code auto} or a backend id) to a backend, throwing if it is unavailable. */
    public static ComputeBackend select(String name) {
        String n = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        if (n.isEmpty() || n.equals("auto")) {
            return get(autoKind());
        }
        return get(BackendKind.parse(n));
    }

    /** The kind {@code auto} resolves to on this machine. */
    public static BackendKind autoKind() {
        if (probe(BackendKind.OPENCL).available() && OpenClProbe.isGpu()) {
            return BackendKind.OPENCL;
        }
        if (probe(BackendKind.SIMD).available()) {
            return BackendKind.SIMD;
        }
        return BackendKind.SCALAR;
    }

    /** The shared instance of a backend; throws with the reason when it cannot run here. */
    public static synchronized ComputeBackend get(BackendKind kind) {
        ComputeBackend b = CREATED.get(kind);
        if (b != null) {
            return b;
        }
        BackendStatus s = probe(kind);
        if (!s.available()) {
            throw new BackendUnavailableException("backend '" + kind.id() + "' is not available: " + s.detail());
        }
        b = switch (kind) {
            case SCALAR -> new ScalarBackend();
            case SIMD -> SimdProbe.create();
            case OPENCL -> OpenClProbe.create();
        };
        CREATED.put(kind, b);
        return b;
    }

    /** Whether a backend can run here, and what on or why not. Cached per process. */
    public static synchronized BackendStatus probe(BackendKind kind) {
        return PROBED.computeIfAbsent(kind, k -> switch (k) {
            case SCALAR -> new BackendStatus(k, true, new ScalarBackend().description());
            case SIMD -> SimdProbe.probe();
            case OPENCL -> OpenClProbe.probe();
        });
    }

    /** The status of every backend. */
    public static List<BackendStatus> probeAll() {
        List<BackendStatus> all = new ArrayList<>();
        for (BackendKind k : BackendKind.values()) {
            all.add(probe(k));
        }
        return all;
    }

    /** Whether {@value #REQUIRE_PROPERTY} lists this backend. */
    public static boolean isRequired(BackendKind kind) {
        String req = System.getProperty(REQUIRE_PROPERTY, "");
        for (String part : req.split(",")) {
            if (part.trim().equalsIgnoreCase(kind.id())) {
                return true;
            }
        }
        return false;
    }

    /** Keeps every reference to the SIMD classes behind a LinkageError guard. */
    private static final class SimdProbe {
        static BackendStatus probe() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                return new BackendStatus(BackendKind.SIMD, false,
                        "module jdk.incubator.vector is not loaded (start java with --add-modules jdk.incubator.vector)");
            }
            try {
                return new BackendStatus(BackendKind.SIMD, true, SimdBackend.describeSpecies());
            } catch (LinkageError | RuntimeException e) {
                return new BackendStatus(BackendKind.SIMD, false, "Vector API unusable: " + e);
            }
        }

        static ComputeBackend create() {
            return new SimdBackend();
        }
    }

    /** Keeps every reference to JOCL behind guards for the loader's errors. */
    private static final class OpenClProbe {
        static BackendStatus probe() {
            try {
                return OpenClBackend.probe();
            } catch (LinkageError e) {
                return new BackendStatus(BackendKind.OPENCL, false, "OpenCL library could not be loaded: " + e.getMessage());
            } catch (RuntimeException e) {
                return new BackendStatus(BackendKind.OPENCL, false, "OpenCL probe failed: " + e.getMessage());
            }
        }

        static boolean isGpu() {
            try {
                return OpenClBackend.defaultDeviceIsGpu();
            } catch (LinkageError | RuntimeException e) {
                return false;
            }
        }

        static ComputeBackend create() {
            try {
                return new OpenClBackend();
            } catch (LinkageError e) {
                throw new BackendUnavailableException("OpenCL library could not be loaded: " + e.getMessage(), e);
            }
        }
    }
}
