package org.patengine.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.patengine.engine.experiment.SystemCatalog;
import org.patengine.engine.experiment.SystemEntry;
import org.patengine.engine.layer.PhysicalLayer;
import org.patengine.engine.network.Network;
import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.sim.ModelGap;
import org.patengine.sim.Rng;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pat gap}: how far a system's digital twin is from its simulated hardware, on one layer
 * built exactly as a network's first physical layer is ({@link SystemEntry#layers}, layer 1 of the
 * seed): {@link ModelGap}'s relative L2 error of the twin's outputs against the hardware's (noise
 * included) and against its deterministic part, and the cosine between the twin's VJP and the
 * hardware's exact one. θ is the layer's initialisation; the inputs are uniform in the system's
 * input range ([0, 1] for a system whose inputs must lie in the unit box, SHG's; [−1, 1] else).
 */
@Command(name = "gap", mixinStandardHelpOptions = true,
        description = "How far a system's digital twin is from its simulated hardware: one layer's output error and VJP cosine.")
final class GapCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--system", descriptionKey = "pat.gap.system")
    String system = SystemCatalog.DEFAULT;

    @Option(names = "--preset", descriptionKey = "pat.gap.preset")
    String preset;

    @Option(names = "--hardware", split = ",", paramLabel = "KNOB=VALUE", descriptionKey = "hardware")
    Map<String, Double> hardware = new TreeMap<>();

    @Option(names = "--samples", defaultValue = "256", description = "Input samples measured (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seeds the layer's hidden mismatch and noise (as a run's layer 1), θ, the inputs and the cotangents (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--inputs", defaultValue = "50", description = "The layer's inputs (SHG: data channels, as many θ channels again; default: ${DEFAULT-VALUE}).")
    int inputs;

    @Option(names = "--outputs", description = "The layer's outputs (SHG: spectrometer bins; default: as many as inputs).")
    Integer outputs;

    @Option(names = "--backend", description = "auto, scalar, simd or opencl (default: -Dpat.backend, else auto).")
    String backend;

    @Override
    public Integer call() {
        if (samples < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--samples must be >= 1, was " + samples);
        }
        if (inputs < 1 || (outputs != null && outputs < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--inputs and --outputs must be >= 1, were " + inputs + ", " + outputs);
        }
        int out = outputs != null ? outputs : inputs;
        SystemEntry entry = SystemCatalog.named(system);
        String p = OneLayer.preset(entry, preset);
        ComputeBackend be = Backends.select(org.patengine.kernels.PatProperties.backend(backend));
        // the layer exactly as a network's first physical layer: hidden mismatch and noise from seed·1 000 003 + 1
        Network net = OneLayer.build(system, p, hardware, inputs, out, seed, 1, be);
        PhysicalLayer layer = (PhysicalLayer) net.layers().get(0);
        float[] theta = java.util.Arrays.copyOf(net.parameters().values(), layer.parameterSize());
        Rng rng = new Rng(seed ^ 0x6A70L);
        float lo = entry.inputsInUnitBox() ? 0f : -1f;
        float[] x = new float[Math.multiplyExact(samples, inputs)];
        for (int k = 0; k < x.length; k++) {
            x[k] = rng.uniform(lo, 1f);
        }
        ModelGap.Result r = ModelGap.measure(layer.system(), layer.model(), theta, x, samples, seed);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s, preset %s%s, one layer %d -> %d (%s), %d samples of x ~ U(%s, 1), theta as initialised, seed %d%n",
                entry.name(), p, hardware.isEmpty() ? "" : " " + hardware, inputs, out, layer.system().name(), r.samples(),
                lo == 0f ? "0" : "-1", seed);
        w.printf(Locale.ROOT, "  twin vs hardware outputs: relative L2 %.4f (noise included), %.4f (the deterministic part)%n",
                r.outputRelativeL2(), r.exactRelativeL2());
        w.printf(Locale.ROOT, "  twin's VJP vs the exact one: cosine %.4f (x and theta), %.4f (x), %.4f (theta)%n",
                r.vjpCosine(), r.vjpCosineX(), r.vjpCosineTheta());
        w.flush();
        return 0;
    }
}
