package org.patengine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pat} command line. */
@Command(name = "pat",
        mixinStandardHelpOptions = true,
        versionProvider = PatCli.Version.class,
        description = "Physics-Aware Training of physical neural networks.",
        subcommands = {TrainCommand.class, CompareCommand.class, EvalCommand.class, GapCommand.class, ServeCommand.class, TwinCommand.class, BackendsCommand.class,
            SelfCheckCommand.class, CommandLine.HelpCommand.class})
public final class PatCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests and the launcher. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PatCli());
        cl.setResourceBundle(new CatalogHelp()); // the catalog-backed options' help, written from the catalogs
        // Expected failures (bad input, missing files, unavailable backend) get one clear line, not a stack trace.
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                    || ex instanceof IllegalStateException || ex instanceof ArithmeticException
                    || ex instanceof org.patengine.kernels.BackendUnavailableException) {
                cmd.getErr().println("pat " + cmd.getCommandName() + ": " + ErrorMessages.of(ex));
                cmd.getErr().flush();
                return 1;
            }
            throw ex;
        });
        // picocli's own handler, but naming an option by the alias the user typed
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(ErrorMessages.of(ex, args));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr())) {
                ex.getCommandLine().usage(cmd.getErr());
            }
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        // every pat.* property is checked before any command runs: a bad value is never a silent default
        cl.setExecutionStrategy(parsed -> {
            try {
                org.patengine.kernels.PatProperties.check();
            } catch (IllegalArgumentException e) {
                cl.getErr().println("pat: " + e.getMessage());
                cl.getErr().flush();
                return 2;
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl;
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = PatCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {
                "pat-engine " + p.getProperty("version", "unknown"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
