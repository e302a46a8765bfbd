package org.patengine.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.patengine.engine.apparatus.ExternalApparatus;
import org.patengine.engine.experiment.SystemCatalog;
import org.patengine.engine.experiment.SystemEntry;
import org.patengine.engine.layer.Activation;
import org.patengine.engine.layer.PhysicalLayer;
import org.patengine.engine.report.AtomicFiles;
import org.patengine.engine.report.Plots;
import org.patengine.engine.twin.TwinFile;
import org.patengine.engine.twin.TwinFit;
import org.patengine.engine.twin.TwinQuality;
import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.sim.PhysicalSystem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pat twin}: learned digital twins. */
@Command(name = "twin", mixinStandardHelpOptions = true, description = "Learned digital twins: fit one from samples of a system.",
        subcommands = {TwinCommand.Fit.class})
final class TwinCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: pat twin fit");
    }

    /**
     * {@code pat twin fit}: samples one layer's hardware (built-in, as a run's layer {@code --layer},
     * or an external {@code --device}), fits a {@link org.patengine.engine.twin.LearnedTwin} and
     * writes {@code twin.json}, its quality report {@code quality.json} / {@code quality.md} and
     * {@code parity.png} into {@code --out}.
     */
    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Sample a system at random inputs and parameters, fit an MLP twin on [x, theta], report its quality.")
    static final class Fit implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--system", description = "oscillators or shg (default: ${DEFAULT-VALUE}).")
        String system = SystemCatalog.DEFAULT;

        @Option(names = "--preset", description = "The hardware's preset (default: the system's gap preset).")
        String preset;

        @Option(names = "--hardware", split = ",", paramLabel = "KNOB=VALUE", description = "Knobs changed from the preset.")
        Map<String, Double> hardware = new TreeMap<>();

        @Option(names = "--inputs", defaultValue = "16", description = "The layer's inputs (default: ${DEFAULT-VALUE}).")
        int inputs;

        @Option(names = "--outputs", description = "The layer's outputs (default: as many as inputs).")
        Integer outputs;

        @Option(names = "--layer", defaultValue = "1", description = "Fit the hardware of this layer of a run (default: ${DEFAULT-VALUE}).")
        int layer;

        @Option(names = "--device", paramLabel = "COMMAND|tcp://HOST:PORT", description = "Sample an external apparatus instead "
                + "(docs/apparatus-protocol.md); no gradient fidelity then.")
        String device;

        @Option(names = "--device-timeout", defaultValue = "30", description = "Seconds per device request (default: ${DEFAULT-VALUE}).")
        double deviceTimeout;

        @Option(names = "--samples", defaultValue = "2000", description = "Samples (x, theta) drawn (default: ${DEFAULT-VALUE}).")
        int samples;

        @Option(names = "--repeats", defaultValue = "2", description = "Measurements averaged per sample (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--inputs-per-theta", defaultValue = "8", description = "Inputs measured per parameter draw, one call (default: ${DEFAULT-VALUE}).")
        int inputsPerTheta;

        @Option(names = "--widths", split = ",", defaultValue = "128,128", description = "The MLP's hidden widths (default: ${DEFAULT-VALUE}).")
        List<Integer> widths;

        @Option(names = "--activation", defaultValue = "swish", description = "swish or tanh (default: ${DEFAULT-VALUE}).")
        String activation;

        @Option(names = "--epochs", defaultValue = "300", description = "At most this many epochs (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--patience", defaultValue = "30", description = "Stop after this many epochs without a better held-out error (default: ${DEFAULT-VALUE}).")
        int patience;

        @Option(names = "--lr", defaultValue = "1e-3", description = "Adam's step size (default: ${DEFAULT-VALUE}).")
        float lr;

        @Option(names = "--input-range", split = ",", paramLabel = "LO,HI", description = "The range inputs are drawn in "
                + "(default: the system's: [0, 1] for shg, [-1, 1] for oscillators). Cover what the layer will see: the circle's "
                + "encoder feeds its oscillators values up to about +-2.")
        List<Float> inputRange;

        @Option(names = "--theta-spread", defaultValue = "1", description = "Draw theta within this share of each half-range "
                + "around the layer's initialisation (1, the default: the whole ranges, as the lab code did).")
        float thetaSpread;

        @Option(names = "--smoothed", defaultValue = "0", paramLabel = "SHARE", description = "The share of input vectors drawn smooth "
                + "across channels (anchors uniform in the range every --smooth-width channels, linear between), as the lab sampled its "
                + "SHG twin; the rest independent per channel (default: ${DEFAULT-VALUE}).")
        float smoothed;

        @Option(names = "--smooth-width", defaultValue = "5", paramLabel = "CHANNELS", description = "Channels between a smooth vector's "
                + "anchors (default: ${DEFAULT-VALUE}).")
        int smoothWidth;

        @Option(names = "--seed", defaultValue = "1", description = "Seeds the hardware (as a run's), the draws and the weights (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--backend", description = "auto, scalar, simd or opencl (default: -Dpat.backend, else auto).")
        String backend;

        @Option(names = "--out", required = true, description = "Folder for twin.json, quality.json, quality.md and parity.png.")
        Path out;

        @Override
        public Integer call() throws IOException {
            Activation act = Activation.named(activation);
            if (act == Activation.RELU) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--activation relu: a twin's VJP needs a smooth map; use swish or tanh");
            }
            SystemEntry entry = SystemCatalog.named(system);
            String p = OneLayer.preset(entry, preset);
            ComputeBackend be = Backends.select(org.patengine.kernels.PatProperties.backend(backend));
            var net = OneLayer.build(system, p, hardware, inputs, outputs != null ? outputs : inputs, seed, layer, be);
            PhysicalSystem simulated = ((PhysicalLayer) net.layers().get(0)).system();
            float[] init = java.util.Arrays.copyOf(net.parameters().values(), simulated.parameterSize());
            float lo = entry.inputsInUnitBox() ? 0f : -1f;
            float hi = 1f;
            if (inputRange != null) {
                if (inputRange.size() != 2) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--input-range takes LO,HI, got " + inputRange);
                }
                lo = inputRange.get(0);
                hi = inputRange.get(1);
            }
            TwinFit fit = new TwinFit(samples, inputsPerTheta, repeats, lo, hi, widths, act, epochs, patience, lr, seed,
                    thetaSpread < 1 ? init : null, thetaSpread, smoothed, smoothWidth);
            PhysicalSystem sampled = simulated;
            ExternalApparatus apparatus = null;
            if (device != null) {
                apparatus = ExternalApparatus.connect(device, deviceTimeout);
                sampled = apparatus;
            }
            TwinFit.Result r;
            try {
                r = fit.fit(sampled, apparatus == null ? simulated.exactModel() : null, be);
            } finally {
                if (apparatus != null) {
                    apparatus.close();
                }
            }
            Files.createDirectories(out);
            Map<String, Object> sampling = new LinkedHashMap<>();
            sampling.put("system", entry.name());
            sampling.put("preset", p);
            sampling.put("hardware", hardware);
            sampling.put("layer", layer);
            sampling.put("device", device);
            sampling.put("samples", samples);
            sampling.put("repeats", repeats);
            sampling.put("inputsPerTheta", inputsPerTheta);
            sampling.put("thetaSpread", thetaSpread);
            sampling.put("inputRange", List.of(lo, hi));
            sampling.put("smoothed", smoothed);
            sampling.put("smoothWidth", smoothWidth);
            sampling.put("epochs", r.epochsRun());
            sampling.put("bestEpoch", r.bestEpoch());
            sampling.put("learningRate", lr);
            sampling.put("seed", seed);
            sampling.put("physicalCalls", r.physicalCalls());
            TwinFile.of(r.twin(), sampled.name(), sampling).write(out.resolve("twin.json"));
            report(r, sampled.name());
            return 0;
        }

        private void report(TwinFit.Result r, String name) throws IOException {
            TwinQuality q = r.quality();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("system", name);
            doc.put("heldOutSamples", q.heldOutSamples());
            doc.put("meanRmse", TwinQuality.mean(q.rmse()));
            doc.put("meanR2", TwinQuality.mean(q.r2()));
            doc.put("gradientFidelity", q.fidelity());
            doc.put("gradientFidelityX", q.fidelityX());
            doc.put("gradientFidelityTheta", q.fidelityTheta());
            doc.put("rmse", q.rmse());
            doc.put("r2", q.r2());
            doc.put("epochs", r.epochsRun());
            doc.put("bestEpoch", r.bestEpoch());
            doc.put("heldOutMseNormalised", r.bestHeldOutMse());
            doc.put("physicalCalls", r.physicalCalls());
            AtomicFiles.writeString(out.resolve("quality.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(doc));
            String md = String.format(Locale.ROOT, "| twin of | held-out samples | mean RMSE | mean R² | gradient fidelity (x and θ / x / θ) "
                    + "| epochs (best) | physical calls |%n|---|---:|---:|---:|---:|---:|---:|%n| %s | %d | %.4g | %.4f | %.4f / %.4f / %.4f | %d (%d) | %d |%n",
                    name, q.heldOutSamples(), TwinQuality.mean(q.rmse()), TwinQuality.mean(q.r2()), q.fidelity(), q.fidelityX(),
                    q.fidelityTheta(), r.epochsRun(), r.bestEpoch(), r.physicalCalls());
            AtomicFiles.writeString(out.resolve("quality.md"), md);
            Map<String, double[][]> series = new LinkedHashMap<>();
            for (int k = 0; k < q.predicted().length; k++) {
                double[] x = new double[q.predicted()[k].length];
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = q.measured()[k][i];
                    y[i] = q.predicted()[k][i];
                }
                series.put("output " + k, new double[][] {x, y});
            }
            Plots.scatter(out.resolve("parity.png"), "Twin vs measurement on held-out samples (" + name + ")", "measured", "twin", series);
            spec.commandLine().getOut().print(md);
            spec.commandLine().getOut().flush();
        }
    }
}
