package org.patengine.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run per folder: a second run is refused naming the holder; a dead holder's lock file does not block. */
class RunLockTest {
    @TempDir
    Path dir;

    private static ExperimentConfig toy() {
        ExperimentConfig.Builder b = ExperimentConfig.defaults().toBuilder();
        b.dataset = "circle";
        b.architecture = "toy-oscillators";
        b.augmentation = "none";
        b.validation = 100;
        b.epochs = 1;
        b.trainSamples = 64;
        b.testSamples = 50;
        b.learningRate = 0.03;
        return b.build().validate();
    }

    /** Holds the lock of args[0] until its standard input closes (a second process for the test). */
    public static void main(String[] args) throws IOException {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold it
            }
        }
    }

    @Test
    void aSecondProcessIsRefusedNamingTheHolderAndTheFolderIsFreeOnceItEnds() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        String javaBin = ProcessHandle.current().info().command().orElseThrow();
        Process holder = new ProcessBuilder(List.of(javaBin, "-cp", System.getProperty("java.class.path"), RunLockTest.class.getName(),
                run.toString())).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            ExperimentRunner runner = new ExperimentRunner(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), false);
            IOException e = assertThrows(IOException.class, () -> runner.run(toy(), run));
            assertTrue(e.getMessage().contains(run + " is in use by another run (PID " + holder.pid() + ")"), e.getMessage());
            assertFalse(Files.exists(run.resolve("config.json")), "the refused run wrote into the folder");
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        // the holder has ended: its .lock file stays, with its PID, and does not block
        assertTrue(Files.readString(run.resolve(RunLock.FILE)).trim().matches("\\d+"));
        ExperimentRunner runner = new ExperimentRunner(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), false);
        assertTrue(runner.run(toy(), run).testPhysicalAcc() >= 0);
    }

    @Test
    void aSecondRunInThisProcessIsRefusedToo() throws IOException {
        Path run = Files.createDirectories(dir.resolve("same"));
        try (RunLock held = RunLock.acquire(run)) {
            ExperimentRunner runner = new ExperimentRunner(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), false);
            IOException e = assertThrows(IOException.class, () -> runner.runOrContinue(toy(), run));
            assertTrue(e.getMessage().contains("this process"), e.getMessage());
            IOException r = assertThrows(IOException.class, () -> runner.resume(run));
            assertTrue(r.getMessage().contains("in use by another run"), r.getMessage());
        }
    }
}
