package org.patengine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.patengine.engine.apparatus.DeviceServer;
import org.patengine.engine.experiment.SystemCatalog;
import org.patengine.engine.experiment.SystemEntry;
import org.patengine.engine.layer.PhysicalLayer;
import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.sim.PhysicalSystem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pat serve}: one of the engine's simulated systems as a device of the apparatus protocol
 * (docs/apparatus-protocol.md), so that any built-in system can run out of process. The hardware
 * is built exactly as a network's layer {@code --layer} of the seed is (its hidden mismatch and
 * noise from seed·1 000 003 + layer). On stdin/stdout by default (the frames alone go to stdout);
 * with {@code --port}, each TCP connection is a device of its own, the k-th built as layer
 * {@code --layer} + k − 1, so a network whose layers connect in order meets the hardware it
 * would have had in process.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a built-in simulated system over the apparatus protocol (stdin/stdout, or --port).")
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--system", description = "oscillators or shg (default: ${DEFAULT-VALUE}).")
    String system = SystemCatalog.DEFAULT;

    @Option(names = "--preset", description = "The hardware's preset (default: the system's gap preset).")
    String preset;

    @Option(names = "--hardware", split = ",", paramLabel = "KNOB=VALUE", description = "Knobs changed from the preset.")
    Map<String, Double> hardware = new TreeMap<>();

    @Option(names = "--inputs", defaultValue = "16", description = "The layer's inputs (SHG: data channels; default: ${DEFAULT-VALUE}).")
    int inputs;

    @Option(names = "--outputs", description = "The layer's outputs (SHG: spectrometer bins; default: as many as inputs).")
    Integer outputs;

    @Option(names = "--seed", defaultValue = "1", description = "The run's seed the hardware is built for (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--layer", defaultValue = "1", description = "Build the hardware as this layer of a network (default: ${DEFAULT-VALUE}).")
    int layer;

    @Option(names = "--port", description = "Serve on this TCP port of 127.0.0.1 (0: any free one, printed on stderr) instead of stdin/stdout.")
    Integer port;

    @Option(names = "--backend", description = "auto, scalar, simd or opencl (default: -Dpat.backend, else auto).")
    String backend;

    @Override
    public Integer call() throws IOException {
        if (inputs < 1 || (outputs != null && outputs < 1) || layer < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--inputs, --outputs and --layer must be >= 1, were "
                    + inputs + ", " + outputs + ", " + layer);
        }
        SystemEntry entry = SystemCatalog.named(system);
        String p = OneLayer.preset(entry, preset);
        ComputeBackend be = Backends.select(org.patengine.kernels.PatProperties.backend(backend));
        build(entry, p, be, layer); // bad knobs or sizes fail before anything is served
        if (port == null) {
            PrintStream stdout = System.out;
            System.setOut(System.err); // nothing but frames on the protocol's stream
            serve(entry, p, be, layer, System.in, stdout);
            return 0;
        }
        try (ServerSocket server = new ServerSocket(port, 8, InetAddress.getLoopbackAddress())) {
            System.err.println("pat serve: " + entry.name() + " on tcp://127.0.0.1:" + server.getLocalPort());
            for (int k = 0; ; k++) {
                Socket s = server.accept();
                int l = layer + k;
                Thread t = new Thread(() -> {
                    try (s) {
                        serve(entry, p, be, l, s.getInputStream(), s.getOutputStream());
                    } catch (IOException | RuntimeException e) {
                        System.err.println("pat serve: connection " + (l - layer + 1) + ": " + e.getMessage());
                    }
                }, "serve layer " + l);
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private PhysicalSystem build(SystemEntry entry, String p, ComputeBackend be, int l) {
        return ((PhysicalLayer) OneLayer.build(entry.name(), p, hardware, inputs, outputs != null ? outputs : inputs, seed, l, be)
                .layers().get(0)).system();
    }

    private void serve(SystemEntry entry, String p, ComputeBackend be, int l, InputStream in, OutputStream out) throws IOException {
        PhysicalSystem hw = build(entry, p, be, l);
        new DeviceServer(hw, hw.name() + ", " + p + ", layer " + l + " of seed " + seed).serve(in, out);
    }
}
