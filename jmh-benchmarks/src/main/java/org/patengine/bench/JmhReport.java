package org.patengine.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.patengine.kernels.simd.SimdPeak;

/**
 * Turns JMH's JSON result file ({@code -rf json -rff FILE}) into Markdown tables.
 *
 * <p>GEMM rows: GFLOP/s (the {@link FlopCounter} rate / 10⁹), its error, the percentage of the
 * measured FMA peak with the same number of threads ({@link PeakFlopsBenchmark}: one-thread peak
 * for single-threaded rows, two-thread peak for two-thread rows), the ratio to the scalar backend on
 * the same shape and case, and {@code gc.alloc.rate.norm} (bytes per call) when {@code -prof gc}
 * was used. With {@code -prof org.patengine.bench.CpuTimeProfiler} it also shows the CPU cores the
 * benchmark got and the rates scaled to a core per benchmark thread (see {@link #cpuAdjusted}), for
 * machines shared with other work. Results of other benchmarks are listed as JMH reported them.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.patengine.bench.JmhReport RESULT.json [--out REPORT.md]}
 */
public final class JmhReport {
    private static final String PKG = "org.patengine.bench.";
    private static final String GEMM = PKG + "GemmBenchmark.";
    private static final String PEAK = PKG + "PeakFlopsBenchmark.";

    private JmhReport() {
    }

    /** One JMH result reduced to what the tables show. */
    record Row(String benchmark, String method, int threads, Map<String, String> params, double score,
               double error, String unit, double flops, double flopsError, double bytesPerOp, double cores,
               double samples) {
    }

    public static void main(String[] args) throws IOException {
        Path in = null;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else if (in == null && !args[i].startsWith("-")) {
                in = Path.of(args[i]);
            } else {
                throw new IllegalArgumentException("unexpected argument '" + args[i]
                        + "': usage JmhReport RESULT.json [--out REPORT.md]");
            }
        }
        if (in == null) {
            throw new IllegalArgumentException("missing argument: usage JmhReport RESULT.json [--out REPORT.md]");
        }
        JsonArray results;
        try (Reader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(r);
            if (!root.isJsonArray()) {
                throw new IllegalArgumentException(in + " is not a JMH JSON result (expected a JSON array)");
            }
            results = root.getAsJsonArray();
        }
        String md = render(results);
        System.out.print(md);
        if (out != null) {
            Files.writeString(out, md, StandardCharsets.UTF_8);
        }
    }

    static String render(JsonArray results) {
        List<Row> rows = new ArrayList<>();
        for (JsonElement e : results) {
            rows.add(toRow(e.getAsJsonObject()));
        }
        StringBuilder sb = new StringBuilder();
        if (!results.isEmpty()) {
            sb.append(conditions(results.get(0).getAsJsonObject())).append("\n\n");
        }
        TreeMap<Integer, Row> peaks = new TreeMap<>();
        List<Row> gemm = new ArrayList<>();
        List<Row> kernels = new ArrayList<>();
        List<Row> other = new ArrayList<>();
        for (Row r : rows) {
            if (r.benchmark.startsWith(PEAK) && !Double.isNaN(r.flops)) {
                peaks.put(r.threads, r);
            } else if (r.benchmark.startsWith(GEMM) && !Double.isNaN(r.flops)) {
                gemm.add(r);
            } else if (!Double.isNaN(r.flops) && !Double.isNaN(r.samples)) {
                kernels.add(r);
            } else {
                other.add(r);
            }
        }
        if (!peaks.isEmpty()) {
            sb.append("Measured FMA peak (").append(SimdPeak.ACCUMULATORS)
                    .append(" independent vector FMA chains in registers):\n\n");
            sb.append("| threads | peak GFLOP/s | ± | B/op | CPU cores got | peak GFLOP/s scaled to its cores |\n");
            sb.append("|---:|---:|---:|---:|---:|---:|\n");
            for (Row p : peaks.values()) {
                sb.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %s | %s | %s |%n", p.threads, p.flops / 1e9,
                        p.flopsError / 1e9, bytes(p.bytesPerOp), cores(p.cores), gflops(cpuAdjusted(p, p.threads))));
            }
            sb.append('\n');
        }
        if (!gemm.isEmpty()) {
            sb.append(gemmTable(gemm, peaks)).append('\n');
        }
        if (!kernels.isEmpty()) {
            sb.append(kernelTable(kernels, peaks)).append('\n');
        }
        sb.append(allocationNote(rows));
        if (!other.isEmpty()) {
            sb.append("| benchmark | threads | params | score | ± | unit | B/op |\n|---|---:|---|---:|---:|---|---:|\n");
            for (Row r : other) {
                sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %.4g | %.2g | %s | %s |%n",
                        r.benchmark.startsWith(PKG) ? r.benchmark.substring(PKG.length()) : r.benchmark,
                        r.threads, r.params, r.score, r.error, r.unit, bytes(r.bytesPerOp)));
            }
        }
        return sb.toString();
    }

    private static String gemmTable(List<Row> gemm, Map<Integer, Row> peaks) {
        record Key(String shape, String trans) {
        }
        // scalar GFLOP/s per shape and case, the denominator of the ratio column
        Map<Key, Double> scalar = new LinkedHashMap<>();
        for (Row r : gemm) {
            if (backend(r).equals("scalar")) {
                scalar.put(new Key(r.params.get("shape"), r.params.getOrDefault("trans", "NN")), r.flops);
            }
        }
        gemm.sort(Comparator.<Row>comparingLong(r -> volume(r.params.get("shape")))
                .thenComparing(r -> r.params.get("shape"))
                .thenComparing(r -> r.params.getOrDefault("trans", "NN"))
                .thenComparingInt(r -> order(backend(r)))
                .thenComparingInt(r -> threads(r)));
        StringBuilder sb = new StringBuilder();
        sb.append("| shape (m×n×k) | case | backend | threads | GFLOP/s | ± | % of peak | × scalar | B/op "
                + "| CPU cores got | GFLOP/s scaled to its cores | % of peak, scaled |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : gemm) {
            String shape = r.params.get("shape");
            String trans = r.params.getOrDefault("trans", "NN");
            String be = backend(r);
            int t = threads(r);
            boolean cpu = !be.equals("opencl");
            Row peak = cpu ? peaks.get(t) : null;
            Double s = scalar.get(new Key(shape, trans));
            double adj = cpuAdjusted(r, t);
            double peakAdj = peak == null ? Double.NaN : cpuAdjusted(peak, t);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %.2f | %s | %s | %s | %s | %s | %s |%n",
                    shapeLabel(shape), trans, be, cpu ? Integer.toString(t) : "device",
                    r.flops / 1e9, r.flopsError / 1e9,
                    peak == null ? "—" : percent(r.flops / peak.flops),
                    s == null ? "—" : String.format(Locale.ROOT, "%.1f", r.flops / s),
                    bytes(r.bytesPerOp), cores(r.cores), gflops(adj),
                    cpu ? percent(adj / peakAdj) : "—"));
        }
        return sb.toString();
    }

    /**
     * The system kernels' rows (benchmarks that count both flops and samples, e.g. SHG and the
     * oscillators): samples/s, GFLOP/s, % of the measured peak at the threads the row ran on, and
     * × scalar for the same benchmark and shape. Threads: a {@code threads} parameter when the
     * benchmark has one, else 1 for scalar and the largest measured peak's threads for simd (its
     * shared pool); OpenCL rows ran on a device and get no CPU peak.
     */
    static String kernelTable(List<Row> rows, TreeMap<Integer, Row> peaks) {
        java.util.function.Function<Row, String> shape = r -> r.benchmark + " " + shapeParams(r);
        Map<String, Double> scalar = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.params.getOrDefault("backend", "").equals("scalar")) {
                scalar.put(shape.apply(r), r.flops);
            }
        }
        rows.sort(Comparator.<Row, String>comparing(r -> r.benchmark)
                .thenComparingInt(r -> intParam(r, "n"))
                .thenComparingInt(r -> intParam(r, "batch"))
                .thenComparing(r -> shapeParams(r).toString())
                .thenComparingInt(r -> order(r.params.getOrDefault("backend", "?")))
                .thenComparingInt(r -> intParam(r, "threads")));
        int poolThreads = peaks.isEmpty() ? 1 : peaks.lastKey();
        StringBuilder sb = new StringBuilder();
        sb.append("| benchmark | params | backend | threads | samples/s | GFLOP/s | ± | % of peak | × scalar | B/op |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            String be = r.params.getOrDefault("backend", "?");
            boolean device = be.equals("opencl");
            int t = r.params.containsKey("threads") && be.equals("simd") ? Integer.parseInt(r.params.get("threads"))
                    : be.equals("simd") ? poolThreads : 1;
            Row peak = device ? null : peaks.get(t);
            Map<String, String> shown = shapeParams(r);
            Double s = scalar.get(shape.apply(r));
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.4g | %.2f | %.2f | %s | %s | %s |%n",
                    r.benchmark.substring(PKG.length()), shown.toString().replaceAll("[{}]", ""), be,
                    device ? "device" : Integer.toString(t), r.samples, r.flops / 1e9, r.flopsError / 1e9,
                    peak == null ? "—" : percent(r.flops / peak.flops),
                    s == null ? "—" : String.format(Locale.ROOT, "%.1f", r.flops / s), bytes(r.bytesPerOp)));
        }
        return sb.toString();
    }

    /** The parameters that name a kernel row's shape: all but the backend and its thread count. */
    private static Map<String, String> shapeParams(Row r) {
        Map<String, String> p = new TreeMap<>(r.params);
        p.remove("backend");
        p.remove("threads");
        return p;
    }

    private static int intParam(Row r, String key) {
        try {
            return Integer.parseInt(r.params.getOrDefault(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * B/op from {@code -prof gc} includes what JMH itself allocates per iteration, spread over the
     * calls of the iteration, so slow benchmarks show a few hundred bytes per call that the kernel
     * does not allocate. The tell: that part is constant per second, not per call. This line gives
     * the range of B/op × calls/s over all rows (the peak benchmark allocates nothing by
     * construction), so a row whose B/op is not explained by it stands out.
     */
    static String allocationNote(List<Row> rows) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (Row r : rows) {
            if (!Double.isNaN(r.bytesPerOp) && r.unit.equals("ops/s")) {
                double perSecond = r.bytesPerOp * r.score;
                lo = Math.min(lo, perSecond);
                hi = Math.max(hi, perSecond);
            }
        }
        if (hi == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "B/op × calls/s ranges over %.1f–%.1f KB/s across these rows: JMH's own "
                + "per-iteration allocation, not the kernels', where B/op × calls/s stays in that range.%n", lo / 1e3, hi / 1e3);
    }

    /**
     * An estimate of the rate with a free core per benchmark thread: {@code rate · threads /
     * min(threads, cores got)}. On a shared machine a single-threaded run that got 0.5 cores is
     * scaled by 2. Never scaled down (extra CPU time is JIT/GC noise, not the kernel). It assumes
     * the rate is proportional to CPU time, which cache sharing with the other work makes optimistic.
     */
    static double cpuAdjusted(Row r, int threads) {
        if (Double.isNaN(r.cores) || r.cores <= 0) {
            return Double.NaN;
        }
        return r.flops * threads / Math.min(threads, r.cores);
    }

    private static String gflops(double flops) {
        return Double.isNaN(flops) ? "—" : String.format(Locale.ROOT, "%.2f", flops / 1e9);
    }

    private static String percent(double ratio) {
        return Double.isNaN(ratio) ? "—" : String.format(Locale.ROOT, "%.0f %%", 100 * ratio);
    }

    private static String cores(double c) {
        return Double.isNaN(c) ? "—" : String.format(Locale.ROOT, "%.2f", c);
    }

    private static String backend(Row r) {
        return r.method.equals("gemmSimdThreads") ? "simd" : r.params.getOrDefault("backend", "?");
    }

    private static int threads(Row r) {
        if (r.method.equals("gemmSimdThreads")) {
            return Integer.parseInt(r.params.get("threads"));
        }
        return 1;
    }

    private static int order(String backend) {
        return switch (backend) {
            case "scalar" -> 0;
            case "simd" -> 1;
            case "opencl" -> 2;
            default -> 3;
        };
    }

    private static long volume(String shape) {
        int[] mnk = GemmBenchmark.parseShape(shape);
        return (long) mnk[0] * mnk[1] * mnk[2];
    }

    private static String shapeLabel(String shape) {
        int[] mnk = GemmBenchmark.parseShape(shape);
        return mnk[0] + "×" + mnk[1] + "×" + mnk[2];
    }

    private static String bytes(double b) {
        return Double.isNaN(b) ? "—" : String.format(Locale.ROOT, "%.3g", b);
    }

    private static String conditions(JsonObject r) {
        return String.format(Locale.ROOT, "JMH %s, %s %s, forks %s, warmup %s × %s, measurement %s × %s, JVM args %s",
                str(r, "jmhVersion"), str(r, "vmName"), str(r, "vmVersion"), str(r, "forks"),
                str(r, "warmupIterations"), str(r, "warmupTime"),
                str(r, "measurementIterations"), str(r, "measurementTime"),
                r.has("jvmArgs") ? r.get("jvmArgs").toString() : "?");
    }

    private static String str(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : "?";
    }

    private static Row toRow(JsonObject o) {
        String bench = o.get("benchmark").getAsString();
        String method = bench.substring(bench.lastIndexOf('.') + 1);
        Map<String, String> params = new TreeMap<>();
        if (o.has("params")) {
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("params").entrySet()) {
                params.put(e.getKey(), e.getValue().getAsString());
            }
        }
        JsonObject primary = o.getAsJsonObject("primaryMetric");
        JsonObject secondary = o.has("secondaryMetrics") ? o.getAsJsonObject("secondaryMetrics") : new JsonObject();
        JsonObject flops = secondary.has("flops") ? secondary.getAsJsonObject("flops") : null;
        JsonObject alloc = secondary.has("gc.alloc.rate.norm") ? secondary.getAsJsonObject("gc.alloc.rate.norm") : null;
        return new Row(bench, method, o.get("threads").getAsInt(), params,
                num(primary, "score"), num(primary, "scoreError"), primary.get("scoreUnit").getAsString(),
                flops == null ? Double.NaN : num(flops, "score"), flops == null ? Double.NaN : num(flops, "scoreError"),
                alloc == null ? Double.NaN : num(alloc, "score"),
                secondary.has("cpu.cores") ? num(secondary.getAsJsonObject("cpu.cores"), "score") : Double.NaN,
                secondary.has("samples") ? num(secondary.getAsJsonObject("samples"), "score") : Double.NaN);
    }

    /** JMH writes "NaN" as a string when an error cannot be computed (e.g. one iteration). */
    private static double num(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return Double.NaN;
        }
        try {
            return e.getAsDouble();
        } catch (NumberFormatException ex) {
            return Double.NaN;
        }
    }
}
