package org.patengine.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.patengine.engine.report.AtomicFiles;

/**
 * The side-by-side table of {@code compare-peer.sh}: {@link TrainingStepBenchmark} on one and on two
 * threads (two JMH runs, each with its own {@link PeakFlopsBenchmark}) against the PyTorch peer
 * ({@code shared/peers/run-pytorch-peer.sh} at 1 and 2 threads, its JSON), per mode and batch:
 * samples/s, the share of the FMA peak measured in the same JMH run at the same thread count, and
 * the ratio to the peer's best configuration (the faster of its thread counts).
 *
 * <p>FLOPs are {@link TrainingStepBenchmark}'s count: the coupling products, 40·n² per sample and
 * layer per forward (4 RK4 stages × 5 steps × 2·n²), 4 forwards' worth per pat / insilico step
 * (the physical or model forward, and the VJP's recompute, input product and coupling-gradient
 * product): 13.0 MFLOP per sample for 196 and 206 oscillators. The elementwise work (sines, the
 * RK4 sums, the simulated hardware's noise and quantisation, Adam) is not counted.
 *
 * <pre>java -cp benchmarks.jar org.patengine.bench.PeerRatio JMH-1.json JMH-2.json PEER-1.json PEER-2.json [--out TABLE.md]</pre>
 */
public final class PeerRatio {
    private static final String STEP = "org.patengine.bench.TrainingStepBenchmark.step";
    private static final String PEAK = "org.patengine.bench.PeakFlopsBenchmark.";

    private PeerRatio() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> in = new ArrayList<>();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else {
                in.add(Path.of(args[i]));
            }
        }
        if (in.size() != 4) {
            throw new IllegalArgumentException("usage: PeerRatio JMH-1THREAD.json JMH-2THREADS.json PEER-1.json PEER-2.json [--out TABLE.md]");
        }
        String md = render(read(in.get(0)).getAsJsonArray(), read(in.get(1)).getAsJsonArray(),
                read(in.get(2)).getAsJsonObject(), read(in.get(3)).getAsJsonObject());
        if (out != null) {
            AtomicFiles.writeString(out, md);
        }
        System.out.print(md);
    }

    private static JsonElement read(Path p) throws IOException {
        try {
            return JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8));
        } catch (com.google.gson.JsonParseException e) {
            throw new IOException(p + " is not JSON: " + e.getMessage(), e);
        }
    }

    /** The table of one JMH run per thread count and one peer run per thread count. */
    static String render(JsonArray jmh1, JsonArray jmh2, JsonObject peer1, JsonObject peer2) {
        double peak1 = peak(jmh1, "oneThread");
        double peak2 = peak(jmh2, "twoThreads");
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "FMA peak measured in the same runs: %.1f GFLOP/s on 1 thread, %.1f on 2.%n%n", peak1 / 1e9,
                peak2 / 1e9));
        sb.append("| mode | batch | pat-engine 1 thread: samples/s (% of peak) | 2 threads: samples/s (% of peak) "
                + "| PyTorch 1 / 2 threads: samples/s | × PyTorch's best, 1 thread | × PyTorch's best, 2 threads |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (String mode : new String[] {"pat", "insilico"}) {
            for (String batch : new String[] {"32", "256"}) {
                JsonObject one = step(jmh1, mode, batch);
                JsonObject two = step(jmh2, mode, batch);
                if (one == null && two == null) {
                    continue;
                }
                double p1 = peerRate(peer1, mode, batch);
                double p2 = peerRate(peer2, mode, batch);
                double best = Math.max(p1, p2);
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s / %s | %s | %s |%n", mode, batch,
                        cell(one, peak1), cell(two, peak2), rate(p1), rate(p2), ratio(one, best), ratio(two, best)));
            }
        }
        return sb.toString();
    }

    private static double peak(JsonArray jmh, String method) {
        for (JsonElement e : jmh) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("benchmark").getAsString().equals(PEAK + method)) {
                return metric(o, "flops");
            }
        }
        throw new IllegalArgumentException("the JMH result has no " + PEAK + method + ": run PeakFlopsBenchmark in the same invocation");
    }

    private static JsonObject step(JsonArray jmh, String mode, String batch) {
        for (JsonElement e : jmh) {
            JsonObject o = e.getAsJsonObject();
            JsonObject params = o.has("params") ? o.getAsJsonObject("params") : new JsonObject();
            if (o.get("benchmark").getAsString().equals(STEP) && params.has("mode") && params.get("mode").getAsString().equals(mode)
                    && params.get("batch").getAsString().equals(batch)) {
                return o;
            }
        }
        return null;
    }

    private static double metric(JsonObject o, String name) {
        return o.getAsJsonObject("secondaryMetrics").getAsJsonObject(name).get("score").getAsDouble();
    }

    private static double peerRate(JsonObject peer, String mode, String batch) {
        JsonObject steps = peer.getAsJsonObject("train_step");
        String key = mode + "_b" + batch;
        if (steps == null || !steps.has(key)) {
            return Double.NaN;
        }
        return steps.getAsJsonObject(key).get("samples_per_s").getAsDouble();
    }

    private static String cell(JsonObject step, double peak) {
        if (step == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%s (%.0f %%)", rate(metric(step, "samples")), 100 * metric(step, "flops") / peak);
    }

    private static String ratio(JsonObject step, double peerBest) {
        if (step == null || !(peerBest > 0)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", metric(step, "samples") / peerBest);
    }

    private static String rate(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }
}
