package org.patengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class PatCliTest {

    /** Runs the command line; returns {exit code, stdout, stderr}. */
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PatCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void versionNamesTheProjectAndJava() {
        String[] r = run("--version");
        assertEquals("0", r[0]);
        assertTrue(r[1].startsWith("pat-engine "), r[1]);
        assertTrue(r[1].contains("Java 25") || r[1].contains("Java 2"), r[1]);
    }

    @Test
    void helpListsTheCommands() {
        String[] r = run("--help");
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("backends") && r[1].contains("selfcheck"), r[1]);
    }

    @Test
    void backendsListsEveryBackendWithItsStatus() {
        String[] r = run("backends");
        assertEquals("0", r[0]);
        for (String b : new String[] {"scalar", "simd", "opencl"}) {
            assertTrue(r[1].lines().anyMatch(l -> l.startsWith(b + " ") && (l.contains("available"))), r[1]);
        }
        assertTrue(r[1].contains("auto    -> "), r[1]);
    }

    @Test
    void unknownOptionIsAnErrorThatNamesIt() {
        String[] r = run("backends", "--frobnicate");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--frobnicate"), r[2]);
    }

    @Test
    void selfcheckPassesOnEveryAvailableBackend() {
        String[] r = run("selfcheck", "--size", "37");
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("all available backends agree"), r[1]);
    }

    @Test
    void selfcheckRejectsABadSize() {
        String[] r = run("selfcheck", "--size", "0");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--size"), r[2]);
    }
}
