package org.patengine.cli;

import java.io.PrintWriter;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendStatus;
import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pat selfcheck}: runs GEMM on every available backend and compares it with the scalar
 * oracle. Exit code 1 when a backend disagrees.
 */
@Command(name = "selfcheck", mixinStandardHelpOptions = true,
        description = "Check every available backend's GEMM against the scalar reference.")
final class SelfCheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--size", defaultValue = "257", description = "Matrix size n for n x n x n products (default: ${DEFAULT-VALUE}).")
    int size;

    @Override
    public Integer call() {
        if (size < 1 || size > 4096) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--size must be in [1, 4096], was " + size);
        }
        PrintWriter out = spec.commandLine().getOut();
        int n = size;
        SplittableRandom rnd = new SplittableRandom(42);
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextDouble(-1, 1);
            b[i] = (float) rnd.nextDouble(-1, 1);
        }
        boolean ok = true;
        for (boolean[] t : new boolean[][] {{false, false}, {false, true}, {true, false}}) {
            float[] ref = new float[n * n];
            Backends.get(BackendKind.SCALAR).gemm(t[0], t[1], n, n, n, 1f, a, 0, n, b, 0, n, 0f, ref, 0, n);
            double scale = 0;
            for (float v : ref) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (BackendStatus s : Backends.probeAll()) {
                if (!s.available() || s.kind() == BackendKind.SCALAR) {
                    continue;
                }
                ComputeBackend be = Backends.get(s.kind());
                float[] c = new float[n * n];
                long t0 = System.nanoTime();
                be.gemm(t[0], t[1], n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
                double ms = (System.nanoTime() - t0) / 1e6;
                double err = 0;
                for (int i = 0; i < c.length; i++) {
                    err = Math.max(err, Math.abs(c[i] - ref[i]));
                }
                double rel = err / Math.max(scale, 1e-30);
                // float32 sums of n products: error grows like n * eps in the worst case.
                boolean pass = rel <= 4 * n * Math.ulp(1f);
                ok &= pass;
                out.printf("gemm %s%s %4dx%4dx%4d  %-7s max rel error %.2e  %8.2f ms (first call, includes warm-up)  %s%n",
                        t[0] ? "T" : "N", t[1] ? "T" : "N", n, n, n, s.kind().id(), rel, ms, pass ? "ok" : "FAIL");
            }
        }
        out.println(ok ? "selfcheck: all available backends agree with scalar" : "selfcheck: FAILED");
        out.flush();
        return ok ? 0 : 1;
    }
}
