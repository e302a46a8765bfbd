package org.patengine.bench.baselines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.patengine.engine.report.AtomicFiles;
import org.patengine.engine.report.Plots;

/**
 * The baselines study's tables and plots, from what {@code compare-baselines.sh} measured.
 * <ul>
 *   <li>{@code cost COUNTS.jsonl OUT JMH.json...}: the cost of one gradient vs P
 *       ({@link GradientCostBenchmark}): ms per gradient, physical calls and samples (measured),
 *       digital FLOPs, the time ratio to pat, and per method the exponent b of a least-squares fit
 *       {@code time ∝ P^b} and {@code calls ∝ P^b} over the sizes measured; cost.json, cost.md,
 *       cost.png.</li>
 *   <li>{@code accuracy TARGET OUT NAME RUN_PARENT...}: time to a validation accuracy: for each run
 *       folder {@code <mode>-s<seed>} under the parents (compare's layout), the first epoch whose
 *       validation accuracy on the physical system reaches TARGET, and the training samples sent to
 *       the physical system until then, the apparatus time they take at 10 and 10,000 samples/s,
 *       and the compute seconds; a run that never reaches it says so with its best. NAME.json,
 *       NAME.md, NAME.png (validation accuracy vs physical samples).</li>
 * </ul>
 */
public final class BaselineReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static void main(String[] args) throws IOException {
        if (args.length >= 4 && args[0].equals("cost")) {
            List<Path> jmh = new ArrayList<>();
            for (int i = 3; i < args.length; i++) {
                jmh.add(Path.of(args[i]));
            }
            cost(jmh, Path.of(args[1]), Path.of(args[2]));
        } else if (args.length >= 5 && args[0].equals("accuracy")) {
            List<Path> parents = new ArrayList<>();
            for (int i = 4; i < args.length; i++) {
                parents.add(Path.of(args[i]));
            }
            accuracy(Double.parseDouble(args[1]), Path.of(args[2]), args[3], parents);
        } else {
            System.err.println("usage: BaselineReport cost COUNTS.jsonl OUT JMH.json... | accuracy TARGET OUT NAME RUN_PARENT...");
            System.exit(2);
        }
    }

    record Cost(String system, int n, String method, int p, double ms, long calls, long samples, Double digitalFlops) {
    }

    static void cost(List<Path> jmhResults, Path counts, Path out) throws IOException {
        Map<String, JsonNode> countOf = new LinkedHashMap<>();
        for (String line : Files.readAllLines(counts)) {
            if (!line.isBlank()) {
                JsonNode c = JSON.readTree(line);
                countOf.put(key(c.get("system").asText(), c.get("n").asInt(), c.get("method").asText()), c);
            }
        }
        List<Cost> rows = new ArrayList<>();
        List<JsonNode> results = new ArrayList<>();
        for (Path jmh : jmhResults) {
            JSON.readTree(jmh.toFile()).forEach(results::add);
        }
        for (JsonNode r : results) {
            JsonNode params = r.get("params");
            String system = params.get("system").asText();
            int n = params.get("n").asInt();
            String method = params.get("method").asText();
            JsonNode c = countOf.get(key(system, n, method));
            if (c == null) {
                throw new IOException("no counts for " + key(system, n, method) + " in " + counts);
            }
            rows.add(new Cost(system, n, method, c.get("P").asInt(), r.get("primaryMetric").get("score").asDouble(),
                    c.get("calls").asLong(), c.get("samples").asLong(), c.get("digitalFlops").isNull() ? null : c.get("digitalFlops").asDouble()));
        }
        List<String> untimed = new ArrayList<>();
        for (String k : countOf.keySet()) {
            if (rows.stream().noneMatch(r -> key(r.system, r.n, r.method).equals(k))) {
                untimed.add(k);
            }
        }
        rows.sort((a, b) -> a.system.equals(b.system) ? (a.n != b.n ? Integer.compare(a.n, b.n) : a.method.compareTo(b.method))
                : a.system.compareTo(b.system));
        StringBuilder md = new StringBuilder();
        md.append("| system | n | P | method | ms / gradient | × pat | physical calls | physical samples | digital MFLOP |\n");
        md.append("|---|---:|---:|---|---:|---:|---:|---:|---:|\n");
        Map<String, double[][]> timeSeries = new TreeMap<>();
        Map<String, List<double[]>> fits = new TreeMap<>();
        for (Cost r : rows) {
            double pat = rows.stream().filter(o -> o.system.equals(r.system) && o.n == r.n && o.method.equals("pat"))
                    .mapToDouble(Cost::ms).findFirst().orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %.3g | %.3g | %d | %d | %s |%n", r.system, r.n, r.p, r.method,
                    r.ms, r.ms / pat, r.calls, r.samples, r.digitalFlops == null ? "–" : String.format(Locale.ROOT, "%.3g", r.digitalFlops / 1e6)));
            String series = r.system + " " + r.method;
            fits.computeIfAbsent(series, k -> new ArrayList<>()).add(new double[] {r.p, r.ms, r.calls});
        }
        if (!untimed.isEmpty()) {
            md.append("\nSet up but not timed (their forked VM failed; see the JMH log): ").append(String.join(", ", untimed)).append("\n");
        }
        md.append("\n| system | method | sizes | exponent b of time ∝ P^b | of calls ∝ P^b |\n|---|---|---:|---:|---:|\n");
        Map<String, Object> exponents = new LinkedHashMap<>();
        for (Map.Entry<String, List<double[]>> e : fits.entrySet()) {
            List<double[]> pts = e.getValue();
            double[] p = pts.stream().mapToDouble(v -> v[0]).toArray();
            double[] t = pts.stream().mapToDouble(v -> v[1]).toArray();
            double[] calls = pts.stream().mapToDouble(v -> v[2]).toArray();
            double bt = slope(p, t);
            double bc = slope(p, calls);
            exponents.put(e.getKey(), Map.of("time", bt, "calls", bc, "sizes", pts.size()));
            String[] sm = e.getKey().split(" ", 2);
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f |%n", sm[0], sm[1], pts.size(), bt, bc));
            timeSeries.put(e.getKey(), new double[][] {p, t});
        }
        Files.createDirectories(out);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("rows", rows);
        doc.put("exponents", exponents);
        AtomicFiles.writeString(out.resolve("cost.json"), JSON.writeValueAsString(doc));
        AtomicFiles.writeString(out.resolve("cost.md"), md.toString());
        Plots.xy(out.resolve("cost.png"), "Time per gradient vs parameters P (batch 32, 1 thread)", "P (parameters of the physical layer)",
                "ms per gradient", timeSeries, true, true);
        System.out.print(md);
    }

    /** The least-squares slope of log y against log x (NaN for fewer than two points). */
    static double slope(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(x[i]) / n;
            my += Math.log(y[i]) / n;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (Math.log(x[i]) - mx) * (Math.log(y[i]) - my);
            sxx += (Math.log(x[i]) - mx) * (Math.log(x[i]) - mx);
        }
        return sxy / sxx;
    }

    private static String key(String system, int n, String method) {
        return system + "/" + n + "/" + method;
    }

    record Reach(String task, String mode, long seed, Integer epoch, double best, long samples, double computeSeconds) {
    }

    static void accuracy(double target, Path out, String name, List<Path> parents) throws IOException {
        List<Reach> reaches = new ArrayList<>();
        Map<String, double[][]> curves = new TreeMap<>();
        for (Path parent : parents) {
            try (var dirs = Files.list(parent)) {
                for (Path run : dirs.sorted().toList()) {
                    Path metrics = run.resolve("metrics.jsonl");
                    if (!Files.isRegularFile(metrics)) {
                        continue;
                    }
                    JsonNode config = JSON.readTree(run.resolve("config.json").toFile());
                    String mode = label(config);
                    long seed = config.get("seed").asLong();
                    long samples = 0;
                    double seconds = 0;
                    double best = 0;
                    Integer reached = null;
                    long samplesAtReach = 0;
                    double secondsAtReach = 0;
                    List<double[]> curve = new ArrayList<>();
                    for (String line : Files.readAllLines(metrics)) {
                        JsonNode e = JSON.readTree(line);
                        samples += e.get("physicalSamples").asLong();
                        seconds += e.get("epochSeconds").asDouble();
                        double acc = e.get("valPhysicalAcc").asDouble();
                        best = Math.max(best, acc);
                        curve.add(new double[] {samples, acc});
                        if (reached == null && acc >= target) {
                            reached = e.get("epoch").asInt();
                            samplesAtReach = samples;
                            secondsAtReach = seconds;
                        }
                    }
                    reaches.add(new Reach(config.get("dataset").asText(), mode, seed, reached, best,
                            reached == null ? samples : samplesAtReach, reached == null ? seconds : secondsAtReach));
                    curves.put(mode + " s" + seed, new double[][] {curve.stream().mapToDouble(v -> v[0]).toArray(),
                            curve.stream().mapToDouble(v -> v[1]).toArray()});
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Time to %.0f %% validation accuracy on the physical system (training samples sent to "
                + "it; evaluation not counted).%n%n", 100 * target));
        md.append("| task | mode | seed | reached at epoch | physical samples | apparatus at 10 samples/s | at 10,000 samples/s | compute s | best |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Reach r : reaches) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s%d | %s | %s | %.1f | %.2f %% |%n", r.task, r.mode, r.seed,
                    r.epoch == null ? "never" : r.epoch.toString(), r.epoch == null ? "> " : "", r.samples,
                    duration(r.samples / 10.0), duration(r.samples / 10_000.0), r.computeSeconds, 100 * r.best));
        }
        Files.createDirectories(out);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("target", target);
        doc.put("runs", reaches);
        AtomicFiles.writeString(out.resolve(name + ".json"), JSON.writeValueAsString(doc));
        AtomicFiles.writeString(out.resolve(name + ".md"), md.toString());
        Plots.xy(out.resolve(name + ".png"), "Validation accuracy on the physical system vs physical samples (" + name + ")", "training samples sent to the physical system",
                "validation accuracy", curves, true, false);
        System.out.print(md);
    }

    /** The mode with the estimator settings that differ from the defaults, e.g. "spsa (q=10, c=0.1, common noise)". */
    static String label(JsonNode config) {
        String mode = config.get("mode").asText();
        List<String> settings = new ArrayList<>();
        if (mode.equals("fd")) {
            if (!config.path("fdScheme").asText("central").equals("central")) {
                settings.add(config.get("fdScheme").asText());
            }
            if (config.path("fdStep").asDouble(1e-3) != 1e-3) {
                settings.add("ε=" + config.get("fdStep").asDouble());
            }
        }
        if (mode.equals("spsa")) {
            if (config.path("spsaSamples").asInt(1) != 1) {
                settings.add("q=" + config.get("spsaSamples").asInt());
            }
            if (config.path("spsaC").asDouble(1e-2) != 1e-2) {
                settings.add("c=" + config.get("spsaC").asDouble());
            }
            if (config.path("spsaGains").asText("optimizer").equals("spall")) {
                settings.add("Spall's gains");
            }
        }
        if (config.path("commonNoise").asBoolean(false)) {
            settings.add("common noise");
        }
        return settings.isEmpty() ? mode : mode + " (" + String.join(", ", settings) + ")";
    }

    /** Seconds as s, min, h or days. */
    static String duration(double s) {
        if (s < 120) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%.1f min", s / 60);
        }
        if (s < 2 * 86400) {
            return String.format(Locale.ROOT, "%.1f h", s / 3600);
        }
        return String.format(Locale.ROOT, "%.1f days", s / 86400);
    }
}
