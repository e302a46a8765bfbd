package org.patengine.bench.baselines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.patengine.engine.grad.GradientSource;
import org.patengine.engine.report.AtomicFiles;
import org.patengine.engine.report.Plots;
import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.sim.Rng;

/**
 * Gradient quality next to its cost: each method's gradient with respect to one oscillator
 * layer's θ ({@link GradientProbe}, n = 16, P = 152, batch 32, paper-gap's mismatch) against the
 * reference, the exact gradient of the noiseless hardware (ideal with the actuation noise off) at
 * the same θ and batch: cosine similarity and relative error ‖g − g*‖/‖g*‖, averaged over
 * {@link #REPEATS} gradients (fresh noise and SPSA directions each), without and with the preset's
 * noise (σ = 0.02 on the initial positions), the latter with and without common random numbers.
 * FD over ε, SPSA over q and c, PAT (whose error is the twin's mismatch) and ideal on the noisy
 * hardware. Physical calls per gradient measured by the counters.
 *
 * <p>Usage: {@code GradientQuality OUT_DIR}: writes quality.json, quality.md and quality.png.
 */
public final class GradientQuality {
    static final int N = 16;
    static final int BATCH = 32;
    static final int REPEATS = 5;
    static final float[] EPS = {1e-4f, 1e-3f, 1e-2f, 1e-1f};
    static final int[] Q = {1, 10, 100};
    static final float[] C = {1e-3f, 1e-2f, 1e-1f};

    record Row(String noise, String method, String setting, double calls, double cosine, double relError) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: GradientQuality OUT_DIR");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        ComputeBackend backend = Backends.get();
        GradientProbe clean = new GradientProbe("oscillators", N, BATCH, "paper-gap", Map.of("actuationNoise", 0.0), 1, backend);
        float[] reference = clean.gradient(clean.source("ideal", 0, 0), null);
        List<Row> rows = new ArrayList<>();
        for (String noise : new String[] {"none", "σ=0.02", "σ=0.02, common noise"}) {
            Map<String, Double> hw = noise.equals("none") ? Map.of("actuationNoise", 0.0) : Map.of();
            GradientProbe p = new GradientProbe("oscillators", N, BATCH, "paper-gap", hw, 1, backend);
            p.loss.commonNoise(noise.endsWith("common noise"));
            if (!noise.endsWith("common noise")) {
                rows.add(measure(p, reference, noise, "pat", "", p.source("pat", 0, 0)));
                rows.add(measure(p, reference, noise, "ideal", "", p.source("ideal", 0, 0)));
            }
            for (String fd : new String[] {"fd-forward", "fd-central"}) {
                for (float eps : EPS) {
                    rows.add(measure(p, reference, noise, fd, "ε=" + eps, p.source(fd, eps, 0)));
                }
            }
            for (int q : Q) {
                for (float c : C) {
                    rows.add(measure(p, reference, noise, "spsa", "q=" + q + ", c=" + c, p.source("spsa-" + q, 0, c)));
                }
            }
        }
        write(out, rows, clean.parameters());
    }

    private static Row measure(GradientProbe p, float[] reference, String noise, String method, String setting, GradientSource s) {
        Rng rng = new Rng(17);
        double cos = 0, rel = 0;
        long calls0 = p.network.physicalCalls();
        for (int r = 0; r < REPEATS; r++) {
            float[] g = p.gradient(s, rng);
            cos += cosine(g, reference);
            rel += relativeError(g, reference);
        }
        double calls = (p.network.physicalCalls() - calls0) / (double) REPEATS;
        return new Row(noise, method, setting, calls, cos / REPEATS, rel / REPEATS);
    }

    static double cosine(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * (double) b[i];
            aa += a[i] * (double) a[i];
            bb += b[i] * (double) b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    static double relativeError(float[] g, float[] reference) {
        double d = 0, r = 0;
        for (int i = 0; i < g.length; i++) {
            d += (g[i] - (double) reference[i]) * (g[i] - (double) reference[i]);
            r += reference[i] * (double) reference[i];
        }
        return Math.sqrt(d / r);
    }

    private static void write(Path out, List<Row> rows, int parameters) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("system", "oscillators");
        doc.put("n", N);
        doc.put("P", parameters);
        doc.put("batch", BATCH);
        doc.put("repeats", REPEATS);
        doc.put("rows", rows);
        AtomicFiles.writeString(out.resolve("quality.json"), json.writeValueAsString(doc));
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Gradient quality, one oscillator layer (n = %d, P = %d, batch %d, paper-gap mismatch), "
                + "against the exact gradient of the noiseless hardware; mean of %d gradients.%n%n", N, parameters, BATCH, REPEATS));
        md.append("| noise | method | setting | physical calls | cosine | relative error |\n|---|---|---|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %.4f | %.3g |%n", r.noise, r.method,
                    r.setting.isEmpty() ? "–" : r.setting, r.calls, r.cosine, r.relError));
        }
        AtomicFiles.writeString(out.resolve("quality.md"), md.toString());
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (Row r : rows) {
            String key = r.method + (r.method.equals("spsa") ? " " + r.setting.replaceAll("q=\\d+, ", "") : "")
                    + " (" + r.noise + ")";
            double[][] xy = series.computeIfAbsent(key, k -> new double[][] {new double[0], new double[0]});
            series.put(key, new double[][] {append(xy[0], r.calls), append(xy[1], Math.max(r.relError, 1e-6))});
        }
        Plots.xy(out.resolve("quality.png"), "Gradient error vs physical calls (oscillators n = " + N + ")",
                "physical calls per gradient", "relative error vs exact noiseless gradient", series, true, true);
    }

    private static double[] append(double[] a, double v) {
        double[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }
}
