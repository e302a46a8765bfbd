package org.patengine.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.patengine.kernels.BackendStatus;
import org.patengine.kernels.Backends;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pat backends}: which compute backends run here, and why not. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List the compute backends, whether each is available here, and why not.")
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
        out.flush();
        return 0;
    }
}
