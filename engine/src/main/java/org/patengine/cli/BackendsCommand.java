package org.patengine.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import java.util.ArrayList;
import java.util.List;

import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendStatus;
import org.patengine.kernels.KernelFamily;
import org.patengine.kernels.osc.OscillatorKernels;
import org.patengine.kernels.shg.ShgKernels;
import org.patengine.kernels.Backends;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code pat backends}: which compute backends run here, and why not; then each physical system's
 * kernel family and the backends it has a kernel for (a class that is not in this build is named).
 */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List the compute backends, whether each is available here, and why not; and each kernel family's backends.")
final class BackendsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (BackendStatus s : Backends.probeAll()) {
            out.printf("%-7s %-13s %s%n", s.kind().id(), s.available() ? "available" : "unavailable", s.detail());
        }
        out.printf("auto    -> %s%n", Backends.autoKind().id());
        String chosen = System.getProperty(Backends.PROPERTY);
        if (chosen != null) {
            out.printf("%s=%s%n", Backends.PROPERTY, chosen);
        }
        for (KernelFamily<?, ?> f : List.of(OscillatorKernels.FAMILY, ShgKernels.FAMILY)) {
            List<String> kinds = new ArrayList<>();
            for (BackendKind k : BackendKind.values()) {
                String cls = f.implementation(k);
                if (cls != null) {
                    kinds.add(k.id() + (inBuild(cls) ? "" : " (" + cls + " is not in this build)"));
                }
            }
            out.printf("kernels %s: %s%n", f.name(), String.join(", ", kinds));
        }
        out.flush();
        return 0;
    }

    /** Whether the class is on the class path (not initialised: a backend's natives load only when used). */
    private static boolean inBuild(String cls) {
        try {
            Class.forName(cls, false, BackendsCommand.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
